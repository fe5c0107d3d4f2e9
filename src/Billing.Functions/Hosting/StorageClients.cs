using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.Storage.Queues;

namespace Billing.Functions.Hosting;

/// <summary>
/// The storage clients, from the Functions host's own settings: <c>AzureWebJobsStorage</c> as a
/// connection string (Azurite: <c>UseDevelopmentStorage=true</c>), or the identity-based form used
/// in Azure — <c>AzureWebJobsStorage__accountName</c> (or <c>__blobServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__tableServiceUri</c>) with a managed identity
/// (<c>__credential=managedidentity</c>, optional <c>__clientId</c>).
/// </summary>
public sealed record StorageClients(TableServiceClient Tables, BlobServiceClient Blobs, QueueServiceClient Queues)
{
    public const string Setting = "AzureWebJobsStorage";

    public static StorageClients From(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connection)
        {
            return new(new TableServiceClient(connection), new BlobServiceClient(connection), new QueueServiceClient(connection, WorkQueues.ClientOptions));
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
            new TableServiceClient(ServiceUri("table"), credential),
            new BlobServiceClient(ServiceUri("blob"), credential),
            new QueueServiceClient(ServiceUri("queue"), credential, WorkQueues.ClientOptions));
    }
}
