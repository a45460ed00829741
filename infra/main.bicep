// Assay in Azure: a Flex Consumption (FC1) function app, its storage (shared keys off), a user-assigned identity with
// data-plane roles, Application Insights with Entra auth, Key Vault references for external endpoint keys, an optional
// Azure OpenAI account, and the Event Grid subscription that feeds the blob trigger. See README
// "Deploying to Azure and the HTTP API" for the two-step deployment (the blob subscription needs deployed code).

targetScope = 'resourceGroup'

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Short lowercase prefix of resource names (3-11 letters/digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'assay'

@description('Maximum instances of the Flex Consumption app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, MB.')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Model endpoints, each { name, kind (OpenAI | AzureOpenAI | OpenAICompatible), baseUrl, model, keySecretName? }. A keySecretName names a Key Vault secret holding the key; no key is ever a parameter.')
param endpoints array = []

@description('Create an Azure OpenAI account (and a model deployment), reached by the app with its managed identity (no key).')
param deployAzureOpenAI bool = false

@description('Azure OpenAI model deployment, when deployAzureOpenAI: name, model name and version, capacity (thousands of tokens per minute).')
param azureOpenAIDeployment object = {
  name: 'gpt-4o'
  model: 'gpt-4o'
  version: '2024-11-20'
  capacity: 30
}

@description('NCRONTAB of the nightly runs (UTC).')
param nightlySchedule string = '0 0 2 * * *'

@description('NCRONTAB of the Durable history purge (UTC).')
param purgeSchedule string = '0 30 3 * * 0'

@description('Further app settings, e.g. Intake__DefaultTargets__0, Nightly__Entries__{entry}__Benchmark, Purge__MaxAge.')
param appSettings object = {}

@description('Create the Event Grid subscription of the blob trigger. Set true on a second deployment, after the code is published: its webhook key exists only then.')
param deployEventSubscription bool = false

var token = toLower(uniqueString(subscription().id, resourceGroup().id, namePrefix))
var appName = '${namePrefix}-func-${token}'
var storageName = take('${namePrefix}st${token}', 24)
var deploymentContainer = 'app-package'
var dataContainers = ['benchmarks', 'benchmarks-rejected', 'results', 'reports', deploymentContainer]
var roles = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${token}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in dataContainers: {
  parent: blobService
  name: name
  properties: { publicAccess: 'None' }
}]

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [roles.blobDataContributor, roles.queueDataContributor, roles.tableDataContributor]: {
  scope: storage
  name: guid(storage.id, identity.id, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-log-${token}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${token}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true // telemetry only with Entra tokens: the connection string alone cannot write
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}-kv-${token}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

module openAI 'modules/openai.bicep' = if (deployAzureOpenAI) {
  name: 'openai'
  params: {
    location: location
    name: '${namePrefix}-oai-${token}'
    principalId: identity.properties.principalId
    deployment: azureOpenAIDeployment
    roleDefinitionId: roles.cognitiveServicesOpenAIUser
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${token}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// Endpoint settings: names, URLs and models in plain app settings; keys only as Key Vault references.
var endpointSettings = reduce(endpoints, {}, (settings, e) => union(settings, {
  'Endpoints__${e.name}__Kind': e.kind
  'Endpoints__${e.name}__BaseUrl': e.baseUrl
  'Endpoints__${e.name}__Model': e.model
}, empty(e.?keySecretName ?? '') ? {} : {
  'Endpoints__${e.name}__ApiKey': '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${e.keySecretName})'
}))
var openAISettings = deployAzureOpenAI ? {
  Endpoints__azure__Kind: 'AzureOpenAI'
  Endpoints__azure__BaseUrl: openAI.?outputs.endpoint ?? ''
  Endpoints__azure__Model: azureOpenAIDeployment.name
} : {}
var baseSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AZURE_CLIENT_ID: identity.properties.clientId // DefaultAzureCredential: results, reports and Azure OpenAI
  Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  TaskHubName: 'assay'
  NightlySchedule: nightlySchedule
  PurgeSchedule: purgeSchedule
}
var allSettings = union(baseSettings, endpointSettings, openAISettings, appSettings)

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
  dependsOn: [storageRoles, containers]
}

// App settings as their own resource: several values are known only during deployment.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: allSettings
}

module blobEvents 'modules/blob-events.bicep' = if (deployEventSubscription) {
  name: 'blob-events'
  params: {
    location: location
    storageName: storage.name
    appName: app.name
    functionName: 'BenchmarkUploaded'
    container: 'benchmarks'
  }
  dependsOn: [settings]
}

@description('The app host name; the API is https://{host}/api/runs.')
output appHostName string = app.properties.defaultHostName

@description('Blob endpoint of the storage account (upload benchmarks to its benchmarks container).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Key Vault that holds endpoint keys (secret names given in endpoints[].keySecretName).')
output keyVaultName string = vault.name

@description('Client id of the app identity.')
output identityClientId string = identity.properties.clientId
