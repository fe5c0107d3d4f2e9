using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Domain.Ports;

namespace Billing.Storage.Files;

/// <summary>
/// Usage files are blobs in <see cref="StorageNames.UsageContainer"/> (or any container a trigger
/// names); a file's rejects go to <c>usage-rejects/&lt;same path&gt;.errors.jsonl</c>, its summary to
/// <c>usage-rejects/&lt;same path&gt;.summary.json</c>.
/// </summary>
public sealed class UsageFileBlobs : IUsageFiles
{
    /// <summary>Each upload request must finish within a storage try's timeout (Storage:TryTimeout, StorageCallOptions).</summary>
    private const int RejectsBlockBytes = 4 * 1024 * 1024;

    private const int ReadBufferBytes = 4 * 1024 * 1024;

    private readonly BlobServiceClient blobs;
    private readonly StorageNames names;

    public UsageFileBlobs(BlobServiceClient blobs, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(names);
        this.blobs = blobs;
        this.names = names;
    }

    public Task<Stream> OpenAsync(string container, string name, string version, CancellationToken cancellationToken)
    {
        var options = new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = ReadBufferBytes,
            Conditions = new BlobRequestConditions { IfMatch = new ETag(version) },
        };
        return blobs.GetBlobContainerClient(container).GetBlobClient(name).OpenReadAsync(options, cancellationToken);
    }

    public async Task<string> WriteRejectsAsync(string name, Stream rows, CancellationToken cancellationToken)
    {
        var path = RejectsPath(name);
        var output = await OutputAsync(cancellationToken).ConfigureAwait(false);
        // In blocks of 4 MiB, not one request of up to 256 MiB.
        await output.GetBlobClient(path).UploadAsync(
            rows,
            new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = RejectsBlockBytes, MaximumTransferSize = RejectsBlockBytes } },
            cancellationToken).ConfigureAwait(false);
        return $"{names.RejectsContainer}/{path}";
    }

    public async Task DeleteRejectsAsync(string name, CancellationToken cancellationToken)
    {
        var output = await OutputAsync(cancellationToken).ConfigureAwait(false);
        await output.GetBlobClient(RejectsPath(name)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteSummaryAsync(string name, ReadOnlyMemory<byte> summary, CancellationToken cancellationToken)
    {
        var output = await OutputAsync(cancellationToken).ConfigureAwait(false);
        await output.GetBlobClient(SummaryPath(name)).UploadAsync(BinaryData.FromBytes(summary), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<UsageFileInfo> ListAsync(string prefix, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var files = blobs.GetBlobContainerClient(names.UsageContainer).GetBlobsAsync(
            new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix },
            cancellationToken);
        await using var listing = files.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            BlobItem blob;
            try
            {
                if (!await listing.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                blob = listing.Current;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                yield break; // nothing uploaded yet
            }

            // The service has no "start after a name" (its continuation markers are opaque), so a
            // page far into a large folder lists the names before it again, 5,000 a request.
            if (startAfter is not null && string.CompareOrdinal(blob.Name, startAfter) <= 0)
            {
                continue;
            }

            yield return new UsageFileInfo(
                blob.Name,
                blob.Properties.ETag?.ToString() ?? string.Empty,
                blob.Properties.ContentLength ?? 0,
                blob.Properties.LastModified ?? DateTimeOffset.UnixEpoch);
        }
    }

    public async Task<UsageFileInfo?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blobs.GetBlobContainerClient(names.UsageContainer).GetBlobClient(name)
                .GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new UsageFileInfo(name, properties.Value.ETag.ToString(), properties.Value.ContentLength, properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no such blob, or no container yet
        }
    }

    public async Task<ReadOnlyMemory<byte>?> ReadSummaryAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(names.RejectsContainer).GetBlobClient(SummaryPath(name))
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenRejectsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            // Not pinned to a version: the summary read before tells which version this is, and a
            // rewrite meanwhile makes the read fail rather than mix two versions' rows.
            return await blobs.GetBlobContainerClient(names.RejectsContainer).GetBlobClient(RejectsPath(name))
                .OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string RejectsPath(string name) => $"{name}.errors.jsonl";

    private static string SummaryPath(string name) => $"{name}.summary.json";

    private async Task<BlobContainerClient> OutputAsync(CancellationToken cancellationToken)
    {
        var output = blobs.GetBlobContainerClient(names.RejectsContainer);
        await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return output;
    }
}
