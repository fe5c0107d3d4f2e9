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
        await output.GetBlobClient($"{name}.summary.json").UploadAsync(BinaryData.FromBytes(summary), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    private static string RejectsPath(string name) => $"{name}.errors.jsonl";

    private async Task<BlobContainerClient> OutputAsync(CancellationToken cancellationToken)
    {
        var output = blobs.GetBlobContainerClient(names.RejectsContainer);
        await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return output;
    }
}
