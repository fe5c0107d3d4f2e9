// Key Vault with RBAC authorization (no access policies) for the Stripe secrets. A secret is
// written only when its value is passed; an empty value leaves the vault as it is, so a
// redeployment without the secrets neither blanks nor deletes them.

import { Tags } from 'types.bicep'

@description('Azure region of the vault.')
param location string

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Turn on purge protection (cannot be turned off again; a deleted vault then stays reserved for the retention period).')
param enablePurgeProtection bool

@description('Name of the secret holding the Stripe API key.')
param apiKeySecretName string

@description('Name of the secret holding the Stripe webhook signing secret.')
param webhookSecretName string

@description('Stripe secret API key; empty: the secret is not written.')
@secure()
param stripeApiKey string

@description('Stripe webhook signing secret (whsec_...); empty: the secret is not written.')
@secure()
param stripeWebhookSecret string

@description('Tags applied to every resource.')
param tags Tags

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The service refuses an explicit false: leave the property out instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource apiKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(stripeApiKey)) {
  parent: vault
  name: apiKeySecretName
  properties: {
    value: stripeApiKey
    contentType: 'text/plain'
  }
}

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(stripeWebhookSecret)) {
  parent: vault
  name: webhookSecretName
  properties: {
    value: stripeWebhookSecret
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output keyVaultName string = vault.name

@description('URI of the vault, with a trailing slash.')
output vaultUri string = vault.properties.vaultUri
