using Azure.Core;
using Azure.Storage.Blobs;

namespace Billing.Cli.Upload;

/// <summary>Blob clients for the CLI: few retries, so an unreachable Azurite is reported in seconds.</summary>
internal static class StorageConnection
{
    public const string UsageContainer = "usage";
    public const string RejectsContainer = "usage-rejects";

    public static BlobServiceClient Blobs(string connectionString)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(300);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        try
        {
            return new BlobServiceClient(connectionString, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The message names the problem, never the string: it may hold an account key.
            throw new CliException(ExitCodes.Usage, "the storage connection string (--connection or AzureWebJobsStorage in local.settings.json) is not valid.");
        }
    }
}
