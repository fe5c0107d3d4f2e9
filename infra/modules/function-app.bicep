// The function app: a Flex Consumption plan (FC1) and a Linux function app running the custom
// handler (runtime 'custom' 1.0: the Functions host starts the Billing.Functions executable named
// in host.json). Its system-assigned identity reaches storage, Key Vault and Application Insights
// through role assignments; no storage key or Stripe secret is stored in the app settings.

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
    // are not used on this plan and must not be set.
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
      }
      runtime: {
        name: 'custom'
        version: '1.0'
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
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

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

// App settings are applied after the role assignments, so the first start (and the Key Vault
// references, which resolve with the app's identity) find the permissions in place.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Identity-based host storage connection (no key): the host and the app's blob, queue and
    // table clients use the system-assigned identity.
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
  }
  dependsOn: [
    storageAssignments
    vaultAssignment
    appInsightsAssignment
  ]
}

@description('Name of the function app.')
output functionAppName string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
