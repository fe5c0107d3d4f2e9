// Azure deployment of the usage-billing backend (docs/architecture.md §2): a Flex Consumption function
// app running Billing.Functions on the .NET 10 isolated worker with Durable Functions, its storage
// account (host state, the Durable task hub, usage files, tables, queues, deployment package), an
// Event Grid system topic feeding the usage blob trigger, Key Vault for the Stripe secrets, and
// Application Insights on a Log Analytics workspace. Everything authenticates with the app's
// system-assigned identity; see infra/README.md. Optionally the task hub lives in a Durable Task
// Scheduler instead (durableBackend).
//
// Two passes: deploy with subscribeUsageEvents=false, publish the app package, then deploy again
// with subscribeUsageEvents=true to create the Event Grid subscription (it needs the running app).

targetScope = 'resourceGroup'

import { Tags } from 'modules/types.bicep'

@description('Azure region of every resource; it must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Prefix of every resource name: 2-11 lower-case letters and digits (the storage account name allows nothing else).')
@minLength(2)
@maxLength(11)
param namePrefix string = 'billing'

@description('Tags applied to every resource.')
param tags Tags = {}

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days deleted blobs and containers stay recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 7

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string = 'app-package'

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the Flex scale group `durable` (orchestrations and activities), as the Durable Functions guidance for Flex Consumption advises; billed while idle. 0: none.')
@minValue(0)
param durableAlwaysReadyInstances int = 1

@description('Where the task hub lives: AzureStorage (the Azure Storage provider, on the app\'s storage account; the hub is named by host.json) or DurableTaskScheduler (a scheduler and task hub this template creates; the package must be built for it, see infra/README.md).')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Azure Storage provider only: longest wait between polls of an idle task hub queue (hh:mm:ss). Durable Functions\' advice for Flex Consumption is 10 seconds or less.')
param durableMaxQueuePollingInterval string = '00:00:10'

@description('Durable Task Scheduler backend only: name of the task hub created in the scheduler (TASKHUB_NAME): 3-45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'BillingHub'

@description('Durable Task Scheduler backend only: its billing SKU.')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Turn on Key Vault purge protection (irreversible; recommended in production).')
param keyVaultPurgeProtection bool = true

@description('Stripe secret API key, stored as Key Vault secret stripe-api-key. Empty: the secret is not written (and is referenced only if stripeSecretsExist).')
@secure()
param stripeApiKey string = ''

@description('Stripe webhook signing secret (whsec_...), stored as Key Vault secret stripe-webhook-secret. Empty: the secret is not written (and is referenced only if stripeSecretsExist).')
@secure()
param stripeWebhookSecret string = ''

@description('True when both Stripe secrets are already in the vault (from an earlier deployment or az keyvault secret set) and are not passed again: the app settings keep referencing them.')
param stripeSecretsExist bool = false

@description('Billing__CatalogPath: path of the catalog JSON, relative to the app package root.')
param catalogPath string = 'samples/catalog.json'

@description('Billing__DefaultThresholdAmountGte: default threshold of unbilled usage, in minor units (10000 = USD 100.00).')
@minValue(1)
param defaultThresholdAmountGte int = 10000

@description('Billing__ClosePeriodsSchedule: NCRONTAB (6 fields, UTC) of the ClosePeriods timer.')
param closePeriodsSchedule string = '0 */15 * * * *'

@description('Billing__GracePeriod: time after a period ends during which late usage still counts for it (TimeSpan, hh:mm:ss).')
param gracePeriod string = '01:00:00'

@description('Billing__MaxCatchUpPeriods: most ended periods of one subscription a scheduled ClosePeriods run invoices at once; a subscription with more due is held with a warning.')
@minValue(1)
param maxCatchUpPeriods int = 3

@description('Name of the blob-triggered function that ingests usage files (its name in the package\'s functions.metadata).')
param usageBlobFunctionName string = 'IngestUsageBlob'

@description('Create the Event Grid subscription that delivers usage-file events to the app. Needs the app package published first (second pass).')
param subscribeUsageEvents bool = false

var suffix = uniqueString(resourceGroup().id, namePrefix)
var names = {
  storage: take('${namePrefix}${suffix}', 24)
  keyVault: take('${namePrefix}-kv-${suffix}', 24)
  plan: '${namePrefix}-plan-${suffix}'
  functionApp: '${namePrefix}-func-${suffix}'
  logAnalytics: '${namePrefix}-log-${suffix}'
  appInsights: '${namePrefix}-appi-${suffix}'
  systemTopic: '${namePrefix}-storage-events-${suffix}'
  scheduler: '${namePrefix}-dts-${suffix}'
}
var useScheduler = durableBackend == 'DurableTaskScheduler'
var usageContainerName = 'usage'
var deadLetterContainerName = 'usage-events-deadletter'
var apiKeySecretName = 'stripe-api-key'
var webhookSecretName = 'stripe-webhook-secret'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: names.storage
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    softDeleteRetentionDays: blobSoftDeleteRetentionDays
    tags: tags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    keyVaultName: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    apiKeySecretName: apiKeySecretName
    webhookSecretName: webhookSecretName
    stripeApiKey: stripeApiKey
    stripeWebhookSecret: stripeWebhookSecret
    tags: tags
  }
}

module durableTaskScheduler 'modules/durable-task-scheduler.bicep' = if (useScheduler) {
  name: 'durable-task-scheduler'
  params: {
    location: location
    schedulerName: names.scheduler
    taskHubName: taskHubName
    skuName: durableTaskSchedulerSku
    tags: tags
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    planName: names.plan
    functionAppName: names.functionApp
    storageAccountName: names.storage
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    vaultUri: keyVault.outputs.vaultUri
    apiKeySecretName: apiKeySecretName
    webhookSecretName: webhookSecretName
    referenceApiKey: stripeSecretsExist || !empty(stripeApiKey)
    referenceWebhookSecret: stripeSecretsExist || !empty(stripeWebhookSecret)
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    durableAlwaysReadyInstanceCount: durableAlwaysReadyInstances
    taskHubName: taskHubName
    durableMaxQueuePollingInterval: durableMaxQueuePollingInterval
    useDurableTaskScheduler: useScheduler
    durableTaskSchedulerName: names.scheduler
    durableTaskSchedulerEndpoint: durableTaskScheduler.?outputs.endpoint ?? ''
    billingSettings: {
      catalogPath: catalogPath
      defaultThresholdAmountGte: defaultThresholdAmountGte
      closePeriodsSchedule: closePeriodsSchedule
      gracePeriod: gracePeriod
      maxCatchUpPeriods: maxCatchUpPeriods
    }
    tags: tags
  }
  dependsOn: [
    monitoring
  ]
}

module usageEvents 'modules/usage-events.bicep' = {
  name: 'usage-events'
  params: {
    location: location
    systemTopicName: names.systemTopic
    storageAccountName: names.storage
    deadLetterContainerName: deadLetterContainerName
    tags: tags
  }
  dependsOn: [
    storage
  ]
}

module usageEventSubscription 'modules/usage-event-subscription.bicep' = if (subscribeUsageEvents) {
  name: 'usage-event-subscription'
  params: {
    systemTopicName: names.systemTopic
    functionAppName: names.functionApp
    functionName: usageBlobFunctionName
    storageAccountName: names.storage
    usageContainerName: usageContainerName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    usageEvents
    functionApp
  ]
}

@description('Name of the function app (for publishing the package).')
output functionAppName string = functionApp.outputs.functionAppName

@description('Default host name of the function app; the HTTP API is under https://<host>/api.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Name of the storage account (drop usage files into its usage container).')
output storageAccountName string = storage.outputs.storageAccountName

@description('Name of the Key Vault holding the Stripe secrets.')
output keyVaultName string = keyVault.outputs.keyVaultName

@description('Dashboard of the task hub in the Durable Task Scheduler; empty with the Azure Storage backend.')
output durableTaskSchedulerDashboardUrl string = durableTaskScheduler.?outputs.dashboardUrl ?? ''
