// Assay in Azure: a Flex Consumption (FC1) function app, its storage (shared keys off), a user-assigned identity with
// data-plane roles, Application Insights with Entra auth, Key Vault references for external endpoint keys, an optional
// Azure OpenAI account, and the Event Grid subscription that feeds the blob trigger. See README
// "Deploying to Azure and the HTTP API" for the two-step deployment (the blob subscription needs deployed code).
// Private by default: storage, Key Vault and Azure OpenAI take no public traffic and are reached through private
// endpoints from the app's virtual network integration; networkAccess = 'Public' is the trial option. Callers need an
// Entra ID token (App Service authentication); data-plane logs go to Log Analytics; blob roles are per container.

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

@description('Private (default): public network access off on storage, Key Vault and Azure OpenAI, private endpoints in a new virtual network, the app integrated with it. Public: for trials only, every data service reachable from the internet (still Entra ID only, no keys).')
@allowed(['Private', 'Public'])
param networkAccess string = 'Private'

@description('Address space of the virtual network (Private); its first /24 is the app subnet, its second the private endpoints.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Application (client) id of the Entra ID app registration that protects the API (App Service authentication). Its app roles (authAdminRole) reach the app as roles claims; see README "Identity and roles".')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Tenant of the app registration.')
param authTenantId string = subscription().tenantId

@description('OpenID issuer of accepted tokens: the v2.0 endpoint by default; https://sts.windows.net/{tenant}/ if the registration issues v1 access tokens.')
param authOpenIdIssuer string = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'

@description('Accepted token audiences (default: the registration\'s api:// URI and its client id).')
param authAllowedAudiences array = ['api://${authClientId}', authClientId]

@description('Client application ids allowed to call the API; empty allows any application that gets a token for it.')
param authAllowedClientApplications array = []

@description('Value of the app registration\'s app role whose holders see and cancel every caller\'s runs (app setting Api__AdminRole).')
param authAdminRole string = 'Assay.Admin'

@description('Object ids of users, groups or service principals that upload benchmarks and read reports: Blob Data Contributor on benchmarks, Blob Data Reader on reports and results (no account-wide role).')
param dataUserPrincipalIds array = []

@description('Retention of the Log Analytics workspace (days).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var token = toLower(uniqueString(subscription().id, resourceGroup().id, namePrefix))
var appName = '${namePrefix}-func-${token}'
var storageName = take('${namePrefix}st${token}', 24)
var isPrivate = networkAccess == 'Private'
var publicNetworkAccess = isPrivate ? 'Disabled' : 'Enabled'
var taskHubName = 'assay'
// The code package has its own container, granted only to the deployment identity.
var deploymentContainer = 'app-package'
var deadLetterContainer = 'events-deadletter'
// Every container the app's own identity uses, each granted on its own (no account-wide blob role):
// the app's data (Storage, Intake, Cache and Limits options in src/), the Functions host's (locks, timer state,
// keys) and Durable Task's blob containers for its task hub (partition and app leases, large messages).
var runtimeContainers = [
  'benchmarks'
  'benchmarks-rejected'
  'results'
  'reports'
  'cache'
  'limits'
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
  '${taskHubName}-leases'
  '${taskHubName}-applease'
  '${taskHubName}-largemessages'
]
var roles = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
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

// The code package's only grantee. The site carries it (Flex reads the package with it), so code in the app could
// still ask the platform for its token; what the split removes is the package from the data identity's reach (the
// credential the app's storage clients, Durable Task and the host use for everything else).
resource deployIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-deploy-id-${token}'
  location: location
}

module network 'modules/network.bicep' = if (isPrivate) {
  name: 'network'
  params: {
    location: location
    name: '${namePrefix}-vnet-${token}'
    addressPrefix: vnetAddressPrefix
    openAI: deployAzureOpenAI
  }
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
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: isPrivate ? 'Deny' : 'Allow'
      bypass: 'AzureServices' // trusted services (Event Grid dead-lettering) where the firewall allows exceptions
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in runtimeContainers: {
  parent: blobService
  name: name
  properties: { publicAccess: 'None' }
}]

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainer
  properties: { publicAccess: 'None' }
}

resource containerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in runtimeContainers: {
  scope: containers[i]
  name: guid(containers[i].id, identity.id, roles.blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource packageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: packageContainer
  name: guid(packageContainer.id, deployIdentity.id, roles.blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: deployIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// People and pipelines: upload to benchmarks, read reports and per-case results; nothing else.
var dataUserGrants = flatten(map(dataUserPrincipalIds, p => [
  { principal: p, container: 'benchmarks', role: roles.blobDataContributor }
  { principal: p, container: 'reports', role: roles.blobDataReader }
  { principal: p, container: 'results', role: roles.blobDataReader }
]))

resource dataUserRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in dataUserGrants: {
  scope: containers[indexOf(runtimeContainers, grant.container)]
  name: guid(storage.id, grant.container, grant.principal, grant.role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
    principalId: grant.principal
  }
}]

// Queues and tables stay account-wide: Durable Task creates its task hub's queues ({hub}-control-NN for each of
// host.json's partitionCount, {hub}-workitems) and tables ({hub}History, {hub}Instances, {hub}Partitions) at start-up,
// and the blob trigger names its own poison queue. Pinning those names here would be a second hand-kept list that
// breaks the app when the hub or partition count changes. The queue and table services hold no code and no results.
resource accountRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [roles.queueDataContributor, roles.tableDataContributor]: {
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
    retentionInDays: logRetentionDays
  }
}

// Data-plane logs of each storage service: who read, wrote and deleted what, with which identity.
var storageLogs = [
  { category: 'StorageRead', enabled: true }
  { category: 'StorageWrite', enabled: true }
  { category: 'StorageDelete', enabled: true }
]

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobService
  name: 'to-log-analytics'
  properties: { workspaceId: workspace.id, logs: storageLogs }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: queueService
  name: 'to-log-analytics'
  properties: { workspaceId: workspace.id, logs: storageLogs }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: tableService
  name: 'to-log-analytics'
  properties: { workspaceId: workspace.id, logs: storageLogs }
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
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: isPrivate ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource vaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'AuditEvent', enabled: true }]
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
    publicNetworkAccess: publicNetworkAccess
    workspaceId: workspace.id
  }
}

// Private endpoints: storage (blob, queue, table), Key Vault and Azure OpenAI, each registered in its private DNS zone.
var storageEndpoints = isPrivate ? ['blob', 'queue', 'table'] : []

module storageEndpoint 'modules/private-endpoint.bicep' = [for service in storageEndpoints: {
  name: 'pe-storage-${service}'
  params: {
    location: location
    name: '${storage.name}-${service}-pe'
    subnetId: network.?outputs.endpointSubnetId ?? ''
    targetId: storage.id
    groupId: service
    zoneId: network.?outputs.zoneIds[service] ?? ''
  }
}]

module vaultEndpoint 'modules/private-endpoint.bicep' = if (isPrivate) {
  name: 'pe-vault'
  params: {
    location: location
    name: '${vault.name}-pe'
    subnetId: network.?outputs.endpointSubnetId ?? ''
    targetId: vault.id
    groupId: 'vault'
    zoneId: network.?outputs.zoneIds.vault ?? ''
  }
}

module openAIEndpoint 'modules/private-endpoint.bicep' = if (isPrivate && deployAzureOpenAI) {
  name: 'pe-openai'
  params: {
    location: location
    name: '${namePrefix}-oai-${token}-pe'
    subnetId: network.?outputs.endpointSubnetId ?? ''
    targetId: openAI.?outputs.id ?? ''
    groupId: 'account'
    zoneId: network.?outputs.zoneIds.?openai ?? ''
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
  AzureWebJobsSecretStorageType: 'blob' // keys in azure-webjobs-secrets, a container granted above
  AZURE_CLIENT_ID: identity.properties.clientId // DefaultAzureCredential: results, reports and Azure OpenAI
  Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  TaskHubName: taskHubName
  Api__AdminRole: authAdminRole // the roles claim value the app treats as admin
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
    userAssignedIdentities: { '${identity.id}': {}, '${deployIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    // Outbound through the virtual network (Private): private endpoints of storage, Key Vault and Azure OpenAI.
    virtualNetworkSubnetId: isPrivate ? network.?outputs.appSubnetId : null
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
            userAssignedIdentityResourceId: deployIdentity.id
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
  dependsOn: [containerRoles, accountRoles, packageRole, storageEndpoint, vaultEndpoint]
}

// Publishing with user names and passwords (SCM/Kudu and FTP) off: deployments authenticate with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
  }
}

module auth 'modules/app-auth.bicep' = {
  name: 'app-auth'
  params: {
    appName: app.name
    clientId: authClientId
    openIdIssuer: authOpenIdIssuer
    allowedAudiences: authAllowedAudiences
    allowedClientApplications: authAllowedClientApplications
    excludedPaths: ['/runtime/webhooks/blobs'] // Event Grid's blob events; guarded by the blobs_extension key
  }
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
    deadLetterContainer: deadLetters.name
    workspaceId: workspace.id
    blobDataContributor: roles.blobDataContributor
  }
  dependsOn: [settings, auth]
}

@description('The app host name; the API is https://{host}/api/runs.')
output appHostName string = app.properties.defaultHostName

@description('Blob endpoint of the storage account (upload benchmarks to its benchmarks container).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Key Vault that holds endpoint keys (secret names given in endpoints[].keySecretName).')
output keyVaultName string = vault.name

@description('Client id of the app identity.')
output identityClientId string = identity.properties.clientId

@description('Virtual network of the private endpoints (Private); operators reach storage and Key Vault from inside it.')
output vnetName string = isPrivate ? '${namePrefix}-vnet-${token}' : ''
