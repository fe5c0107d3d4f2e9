// Optional Durable Functions backend (main.bicep, durableBackend = 'DurableTaskScheduler'): a
// Durable Task Scheduler and the app's task hub in it, instead of the task hub on the storage
// account (the Azure Storage provider, the default). The scheduler accepts Entra ID only; the app's
// role assignment on the task hub (Durable Task Data Contributor) is in function-app.bicep, with
// its other role assignments, and its settings DURABLE_TASK_SCHEDULER_CONNECTION_STRING and
// TASKHUB_NAME are there too. The app package must be built for this backend: it carries the
// scheduler's extension (Microsoft.Azure.Functions.Worker.Extensions.DurableTask.AzureManaged) and
// a host.json whose storageProvider is `azureManaged`; see infra/README.md.

import { Tags } from 'types.bicep'

@description('Azure region of the scheduler (the app\'s, for latency).')
param location string

@description('Name of the scheduler (3-64 letters, digits and hyphens).')
@minLength(3)
@maxLength(64)
param schedulerName string

@description('Name of the task hub (the app\'s Durable Functions hub name).')
@minLength(3)
@maxLength(45)
param taskHubName string

@description('Billing SKU of the scheduler: Consumption (per dispatched action) or Dedicated (capacity units).')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string

@description('Tags applied to every resource.')
param tags Tags

resource scheduler 'Microsoft.DurableTask/schedulers@2026-02-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    // The allow list is required. Every call needs an Entra ID token with a Durable Task role, and
    // a Flex Consumption app without virtual network integration has no fixed outbound address.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: skuName == 'Dedicated'
      ? {
          name: 'Dedicated'
          capacity: 1
        }
      : {
          name: 'Consumption'
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2026-02-01' = {
  parent: scheduler
  name: taskHubName
  properties: {}
}

@description('Name of the scheduler.')
output schedulerName string = scheduler.name

@description('Endpoint of the scheduler, for DURABLE_TASK_SCHEDULER_CONNECTION_STRING.')
output endpoint string = scheduler.properties.endpoint

@description('Dashboard of the task hub.')
output dashboardUrl string = taskHub.properties.dashboardUrl
