using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.Storage.Calls;
using Billing.Storage.Queues;

namespace Billing.Functions.Hosting;

/// <summary>
/// The storage clients, from the Functions host's own settings: <c>AzureWebJobsStorage</c> as a
/// connection string (Azurite: <c>UseDevelopmentStorage=true</c>), or the identity-based form used
/// in Azure — <c>AzureWebJobsStorage__accountName</c> (or <c>__blobServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__tableServiceUri</c>) with a managed identity
/// (<c>__credential=managedidentity</c>, optional <c>__clientId</c>). Every request of every client
/// is bounded by <see cref="StorageCallOptions"/> (section <c>Storage</c>), measured in real time.
/// </summary>
public sealed record StorageClients(TableServiceClient Tables, BlobServiceClient Blobs, QueueServiceClient Queues)
{
    public const string Setting = "AzureWebJobsStorage";

    public static StorageClients From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var calls = configuration.GetSection(StorageCallOptions.Section).Get<StorageCallOptions>() ?? new StorageCallOptions();
        var tableOptions = calls.Apply(new TableClientOptions(), TimeProvider.System);
        var blobOptions = calls.Apply(new BlobClientOptions(), TimeProvider.System);
        var queueOptions = calls.Apply(WorkQueues.ClientOptions, TimeProvider.System);
        if (configuration[Setting] is { Length: > 0 } connection)
        {
            return new(new TableServiceClient(connection, tableOptions), new BlobServiceClient(connection, blobOptions), new QueueServiceClient(connection, queueOptions));
        }

        var section = configuration.GetSection(Setting);
        var account = section["accountName"];
        Uri ServiceUri(string service) =>
            section[$"{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"Set {Setting} to a storage connection string (UseDevelopmentStorage=true for Azurite), or {Setting}__accountName for a managed identity.");

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new(
            new TableServiceClient(ServiceUri("table"), credential, tableOptions),
            new BlobServiceClient(ServiceUri("blob"), credential, blobOptions),
            new QueueServiceClient(ServiceUri("queue"), credential, queueOptions));
    }
}
