// Optional Azure OpenAI account with one model deployment; the app reaches it with its managed identity only.

@description('Region of the account.')
param location string

@description('Account name (also its custom subdomain).')
param name string

@description('Principal that gets the Cognitive Services OpenAI User role.')
param principalId string

@description('Model deployment: name, model, version, capacity.')
param deployment object

@description('Role definition id (GUID) of Cognitive Services OpenAI User.')
param roleDefinitionId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true // keys off: managed identity only
    publicNetworkAccess: 'Enabled'
  }
}

resource model 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deployment.name
  sku: { name: 'Standard', capacity: deployment.capacity }
  properties: {
    model: { format: 'OpenAI', name: deployment.model, version: deployment.version }
  }
}

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Endpoint of the account, for Endpoints__{name}__BaseUrl.')
output endpoint string = account.properties.endpoint
