// Optional Azure OpenAI account with one model deployment; the app reaches it with its managed identity only, and,
// unless publicNetworkAccess is 'Enabled' (the trial option), only through a private endpoint.

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

@description('Enabled (trials) or Disabled (private endpoint only).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string

@description('Log Analytics workspace of the audit and request logs.')
param workspaceId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true // keys off: managed identity only
    publicNetworkAccess: publicNetworkAccess
    networkAcls: { defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny' }
  }
}

// Audit (key and management operations) and request metadata; prompts and answers are not logged.
resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: account
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'Audit', enabled: true }
      { category: 'RequestResponse', enabled: true }
    ]
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

@description('Resource id of the account (private endpoint target).')
output id string = account.id

@description('Endpoint of the account, for Endpoints__{name}__BaseUrl.')
output endpoint string = account.properties.endpoint
