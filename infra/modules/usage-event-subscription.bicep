// The event subscription that drives the IngestUsageBlob function: BlobCreated events of the
// `usage` container, pushed to the Functions host's blob extension endpoint.
//
// Destination: a WebHook to
//   https://<app host>/runtime/webhooks/blobs?functionName=Host.Functions.<function>&code=<blobs_extension key>
// which is what a blob trigger with the EventGrid source listens on (isolated worker:
// [BlobTrigger(..., Source = BlobTriggerSource.EventGrid)], "source": "EventGrid" in the package's
// functions.metadata; the function name is the [Function] name). The 'AzureFunction'
// endpoint type is not used: it delivers to Event Grid *trigger* functions (the eventgrid
// extension), not to blob triggers. The key is the host's `blobs_extension` system key, read at
// deployment time with listKeys, so it never appears in source, parameters or outputs.
//
// Deploy this only once the app package is published: the host creates the blobs_extension key
// when it first loads a blob trigger with the EventGrid source, and Event Grid validates the
// webhook (a handshake the blob extension answers) when the subscription is created.

@description('Name of the Event Grid system topic on the storage account.')
param systemTopicName string

@description('Name of the function app.')
param functionAppName string

@description('Name of the blob-triggered function that ingests usage files.')
param functionName string

@description('Name of the storage account.')
param storageAccountName string

@description('Blob container whose new blobs are delivered.')
param usageContainerName string

@description('Blob container Event Grid writes undeliverable events to.')
param deadLetterContainerName string

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes Event Grid keeps retrying an event before dead-lettering it.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// The host's keys (Microsoft.Web/sites/host has no Bicep type, hence the function form).
var blobsExtensionKey = listKeys('${site.id}/host/default', site.apiVersion).systemKeys.blobs_extension

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${usageContainerName}-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // The trailing slash keeps `usage-rejects` (and any other `usage…` container) out.
      subjectBeginsWith: '/blobServices/default/containers/${usageContainerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}
