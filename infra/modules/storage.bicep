// The one storage account of the app (docs/storage.md): the Functions host's own state
// (AzureWebJobsStorage), the app's containers, tables and queues, and the deployment container
// the Flex Consumption plan runs the app package from. Shared-key access is disabled: every
// client (the host, the app, Event Grid dead-lettering, deployments) authenticates with Entra ID.

import { Tags } from 'types.bicep'

@description('Azure region of the storage account.')
param location string

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Blob container Event Grid writes usage-file events to when it cannot deliver them.')
param deadLetterContainerName string

@description('Days deleted blobs and containers stay recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Tags applied to every resource.')
param tags Tags

// Names the app uses (src/Billing.Storage/StorageNames.cs; Storage:Prefix is empty in Azure).
var containerNames = [
  'usage' // usage files dropped by customers; the IngestUsageBlob trigger watches it
  'usage-rejects' // <path>.errors.jsonl and <path>.summary.json per ingested file
  deploymentContainerName
  deadLetterContainerName
]
var tableNames = [
  'usage' // usage aggregates and dedup chunks
  'closes' // how far each subscription's periods have been handed to invoicing
  'invoices' // invoices with their runs' state, each subscription's run lock and the ledger of what they billed
  'webhookevents' // Stripe webhook events seen (dedup by event id)
  'drift' // differences found by reconciliation against Stripe
  'incidents' // invoices that left out a line priced beyond the line bound
]
var queueNames = [
  'threshold-checks'
  'threshold-checks-poison'
  'invoice-runs'
  'invoice-runs-poison'
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

@description('Name of the storage account.')
output storageAccountName string = storage.name

@description('Blob service endpoint, with a trailing slash.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue service endpoint, with a trailing slash.')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table service endpoint, with a trailing slash.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
