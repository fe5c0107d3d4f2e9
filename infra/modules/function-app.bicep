// The function app: a Flex Consumption plan (FC1) and a Linux function app running the .NET 10
// isolated worker (runtime 'dotnet-isolated' 10.0: the Functions host starts Billing.Functions.dll
// as its worker and loads the binding extensions, Durable Functions among them, that the package's
// extensions.json names). Its system-assigned identity reaches storage, Key Vault, Application
// Insights and, with the Durable Task Scheduler backend, the task hub through role assignments; no
// storage key or Stripe secret is stored in the app settings.

import { Tags } from 'types.bicep'

@description('Azure region of the plan and the app (one that offers Flex Consumption).')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (globally unique host name).')
param functionAppName string

@description('Name of the storage account (AzureWebJobsStorage and the app\'s data).')
param storageAccountName string

@description('Blob service endpoint of the storage account, with a trailing slash.')
param blobEndpoint string

@description('Queue service endpoint of the storage account, with a trailing slash.')
param queueEndpoint string

@description('Table service endpoint of the storage account, with a trailing slash.')
param tableEndpoint string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Name of the Key Vault holding the Stripe secrets.')
param keyVaultName string

@description('URI of the Key Vault, with a trailing slash.')
param vaultUri string

@description('Name of the Key Vault secret holding the Stripe API key.')
param apiKeySecretName string

@description('Name of the Key Vault secret holding the Stripe webhook signing secret.')
param webhookSecretName string

@description('Reference the Stripe API key secret from Stripe__ApiKey (false: the setting is empty).')
param referenceApiKey bool

@description('Reference the Stripe webhook secret from Stripe__WebhookSecret (false: the setting is empty).')
param referenceWebhookSecret bool

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Always-ready instances of the Flex per-function scale group `durable` (orchestrator, activity and entity triggers); 0 turns them off.')
@minValue(0)
param durableAlwaysReadyInstanceCount int

@description('Durable Task Scheduler backend only: the task hub in the scheduler, given to the app as TASKHUB_NAME. With the Azure Storage provider the hub is named by host.json.')
@minLength(3)
@maxLength(45)
param taskHubName string

@description('Azure Storage provider only: largest wait between two polls of an idle task hub queue (TimeSpan, hh:mm:ss).')
param durableMaxQueuePollingInterval string

@description('True: the task hub is in a Durable Task Scheduler (the package\'s host.json must say so too); false: on the storage account (Azure Storage provider).')
param useDurableTaskScheduler bool

@description('Name of that scheduler (a valid name even when unused: ARM evaluates the names of skipped resources too).')
param durableTaskSchedulerName string

@description('Endpoint of that scheduler (https://…durabletask.io); empty with the Azure Storage provider.')
param durableTaskSchedulerEndpoint string

@description('The app settings under Billing__ that differ per deployment (TestClock is always false in Azure).')
param billingSettings {
  catalogPath: string
  defaultThresholdAmountGte: int
  closePeriodsSchedule: string
  gracePeriod: string
  maxCatchUpPeriods: int
}

@description('Tags applied to every resource.')
param tags Tags

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource scheduler 'Microsoft.DurableTask/schedulers@2026-02-01' existing = if (useDurableTaskScheduler) {
  name: durableTaskSchedulerName

  resource taskHub 'taskHubs' existing = {
    name: taskHubName
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    // Flex Consumption takes the runtime, scale and deployment source from here; the app
    // settings FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE
    // are not used on this plan and must not be set (Flex Consumption plan deprecations,
    // learn.microsoft.com/azure/azure-functions/functions-app-settings).
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Flex scales orchestrator, activity and entity triggers together as the group `durable`.
        // Durable Functions' performance advice for Flex Consumption is one always-ready instance
        // for that group: each step of an invoice run (an orchestrator or activity work item) then
        // finds a warm instance polling the task hub instead of waiting for a scale-from-zero cold
        // start, and a run started by a timer or HTTP call does not stall between steps. The
        // platform still scales past it on demand. An always-ready instance is billed while idle,
        // hence the parameter (0 turns it off).
        alwaysReady: durableAlwaysReadyInstanceCount > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstanceCount
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Role assignments for the app's identity: data-plane roles instead of keys wherever Azure
// allows. Names derive from the app's resource id (known before deployment, so What-If can
// predict them); if the app is ever deleted and recreated under the same name, delete its
// stale assignments first.
var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner (host, app, deployment container)
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]
// Storage Blob Data Owner covers Storage Blob Data Contributor, which the Durable Functions Azure
// Storage provider asks for with the queue and table roles above (its task hub lives here too).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, site.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: site.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource vaultAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appInsightsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, site.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// With the Durable Task Scheduler backend the app reaches its task hub with its identity (the
// scheduler accepts no keys); scoped to the one task hub, the least it needs.
resource taskHubAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useDurableTaskScheduler) {
  name: guid(scheduler::taskHub.id, site.id, durableTaskDataContributor)
  scope: scheduler::taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions settings that belong to the plan rather than to the package. The task hub's
// name and its backend (extensions.durableTask.hubName and storageProvider.type) stay in the
// package's host.json: the scale controller reads them from there and ignores app-setting
// overrides of them (Azure/azure-functions-durable-extension#2803 and #2622), so an app whose hub
// name came from an app setting would not scale out. An app setting AzureFunctionsJobHost__a__b
// replaces host.json's a.b for the host itself, which is enough for a setting only the running
// host reads, such as the polling interval below.
var durableSettings = useDurableTaskScheduler
  ? {
      // What host.json's storageProvider.connectionStringName and hubName (%TASKHUB_NAME%) name
      // with the scheduler backend (infra/README.md). System-assigned identity: no ClientID.
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity'
      TASKHUB_NAME: taskHubName
    }
  : {
      // Durable Functions' advice for the Azure Storage provider on Flex Consumption: poll idle
      // task hub queues at least every 10 seconds (the default backs off to 30), so that the
      // next step of an orchestration is not held back by the back-off; it costs more storage
      // transactions while idle. The task hub's queues, tables and lease blobs live on the app's
      // storage account and are reached through the identity-based AzureWebJobsStorage
      // connection, the provider's default.
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval: durableMaxQueuePollingInterval
    }

// App settings are applied after the role assignments, so the first start (and the Key Vault
// references, which resolve with the app's identity) find the permissions in place.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(durableSettings, {
    // Identity-based host storage connection (no key): the host, the blob trigger and the app's
    // blob, queue and table clients use the system-assigned identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    // Telemetry with Entra ID authentication (the component has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    // The app's own settings (local.settings.sample.json).
    Billing__CatalogPath: billingSettings.catalogPath
    Billing__DefaultThresholdAmountGte: string(billingSettings.defaultThresholdAmountGte)
    Billing__ClosePeriodsSchedule: billingSettings.closePeriodsSchedule
    Billing__GracePeriod: billingSettings.gracePeriod
    Billing__MaxCatchUpPeriods: string(billingSettings.maxCatchUpPeriods)
    Billing__TestClock: 'false'
    // Key Vault references, versionless: a rotated secret is picked up without redeploying (App
    // Service re-reads references within 24 hours and on every configuration change).
    Stripe__ApiKey: referenceApiKey ? '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${apiKeySecretName})' : ''
    Stripe__WebhookSecret: referenceWebhookSecret
      ? '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${webhookSecretName})'
      : ''
  })
  dependsOn: [
    storageAssignments
    vaultAssignment
    appInsightsAssignment
    taskHubAssignment
  ]
}

@description('Name of the function app.')
output functionAppName string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
