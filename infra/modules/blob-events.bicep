// The Event Grid source of the blob trigger (Flex Consumption supports no other): BlobCreated events in the
// benchmarks container, except under runs/ and answers/ (the app ignores those too), delivered to the blobs
// extension webhook. Deploy after the code: the blobs_extension system key exists only once the trigger does.

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

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${storageName}-blob-events'
  location: location
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
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
  }
}
