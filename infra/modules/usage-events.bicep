// Event Grid system topic on the storage account. Flex Consumption runs blob triggers only with
// "source": "EventGrid": the storage account publishes BlobCreated events to this topic and an
// event subscription (usage-event-subscription.bicep) pushes them to the function app. The topic's
// own identity may write undeliverable events to the dead-letter container.

import { Tags } from 'types.bicep'

@description('Azure region of the system topic (the storage account\'s region).')
param location string

@description('Name of the system topic.')
param systemTopicName string

@description('Name of the storage account whose blob events the topic publishes.')
param storageAccountName string

@description('Blob container Event Grid writes undeliverable events to.')
param deadLetterContainerName string

@description('Tags applied to every resource.')
param tags Tags

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Dead-lettering authenticates with the topic's identity (the account has shared keys disabled).
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetterContainer.id, topic.id, storageBlobDataContributor)
  scope: storage::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the system topic.')
output systemTopicName string = topic.name
