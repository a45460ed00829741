// The Event Grid source of the blob trigger (Flex Consumption supports no other): BlobCreated events in the
// benchmarks container, except under runs/ and answers/ (the app ignores those too), delivered to the blobs
// extension webhook. Deploy after the code: the blobs_extension system key exists only once the trigger does.
// Events still undelivered after the retries are dead-lettered to a container, written with the topic's own identity
// (a role on that container only); delivery failures go to Log Analytics.

@description('Region of the system topic (the storage account region).')
param location string

@description('Storage account whose blob events are sent.')
param storageName string

@description('Function app receiving them.')
param appName string

@description('Blob trigger function name.')
param functionName string

@description('Container watched by the trigger.')
param container string

@description('Container receiving undeliverable events.')
param deadLetterContainer string

@description('Log Analytics workspace of the delivery-failure logs.')
param workspaceId string

@description('Role definition id (GUID) of Storage Blob Data Contributor.')
param blobDataContributor string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${storageName}/default/${deadLetterContainer}'
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${storageName}-blob-events'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deadLetters
  name: guid(deadLetters.id, topic.id, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource topicLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: topic
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'DeliveryFailures', enabled: true }]
  }
}

var blobsKey = listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension
var subjectPrefix = '/blobServices/default/containers/${container}/blobs/'

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'benchmark-uploads'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsKey}'
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: subjectPrefix
      advancedFilters: [
        {
          operatorType: 'StringNotBeginsWith'
          key: 'subject'
          values: ['${subjectPrefix}runs/', '${subjectPrefix}answers/']
        }
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
  dependsOn: [deadLetterRole]
}
