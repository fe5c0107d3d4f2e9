using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Domain;
using Billing.Functions.Hosting;
using Billing.Ingestion;
using Billing.Ingestion.Parsing;
using Billing.Storage;
using Billing.Storage.Queues;

namespace Billing.Functions.Ingestion;

/// <summary>
/// The blob function: ingests one version of a usage file. Safe to run any number of times on the
/// same version: dedup makes the aggregates those of one run, and the rejects and summary blobs
/// are rewritten whole. Rejected rows go to <c>usage-rejects/&lt;same path&gt;.errors.jsonl</c>
/// (line, identifier, reason, message; the first <see cref="IngestionOptions.MaxRejectRows"/>);
/// the counts to <c>&lt;same path&gt;.summary.json</c>.
/// </summary>
/// <remarks>
/// What the file holds never makes the function fail: a bad line is a rejected row, and a file
/// that cannot be read (to its end) is a file-level error in the summary. Running again would
/// read the same bytes, so throwing would only retry and then poison the blob, with no summary
/// for the uploader. Only storage failures throw (and are retried).
/// </remarks>
public sealed partial class IngestUsageFileHandler
{
    private const int RejectsBlockBytes = 4 * 1024 * 1024;

    private readonly BlobServiceClient blobs;
    private readonly StorageNames names;
    private readonly WorkQueues queues;
    private readonly UsageIngestor ingestor;
    private readonly IngestionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<IngestUsageFileHandler> logger;

    public IngestUsageFileHandler(
        BlobServiceClient blobs,
        StorageNames names,
        UsageIngestor ingestor,
        IngestionOptions options,
        WorkQueues queues,
        TimeProvider time,
        ILogger<IngestUsageFileHandler> logger)
    {
        this.queues = queues;
        this.blobs = blobs;
        this.names = names;
        this.ingestor = ingestor;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    public async Task<FileIngestionReport> HandleAsync(UsageFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!EventFiles.IsSupported(file.Name))
        {
            // Refused unread: parsing a .txt or .parquet file as JSON Lines would reject every line.
            var refused = EventFiles.Unsupported(file.Name);
            LogFileError(file.Name, refused.Code, refused.Message);
            return await WriteSummaryAsync(file, IngestionSummary.Empty, refused, rejects: null, cancellationToken).ConfigureAwait(false);
        }

        var source = blobs.GetBlobContainerClient(file.Container).GetBlobClient(file.Name);
        var rejectsPath = Path.Combine(Path.GetTempPath(), $"billing-rejects-{Guid.NewGuid():N}.jsonl");
        try
        {
            IngestionSummary summary;
            FileError? error;
            RejectsFile rejects;
            await using (rejects = new RejectsFile(rejectsPath, options.MaxRejectRows))
            {
                // Pinned to the triggering version: if the blob is overwritten meanwhile, this run
                // fails (412) and the new version is ingested by its own trigger.
                var openOptions = new BlobOpenReadOptions(allowModifications: false)
                {
                    BufferSize = 4 * 1024 * 1024,
                    Conditions = new BlobRequestConditions { IfMatch = new Azure.ETag(file.ETag) },
                };
                await using var raw = await source.OpenReadAsync(openOptions, cancellationToken).ConfigureAwait(false);
                await using var content = EventFiles.Decompress(raw, file.Name);
                LogStarted(file.Container, file.Name);
                var events = EventFiles.Read(content, file.Name);
                summary = await ingestor.IngestStreamAsync(
                    events,
                    rejects.Write,
                    new Progress<IngestionProgress>(p => LogProgress(file.Name, p.Events, p.Accepted, p.Duplicates, p.Rejected)),
                    cancellationToken).ConfigureAwait(false);

                // What was read before a break is committed (once, as ever); the break is reported.
                error = events.Error;
            }

            if (error is not null)
            {
                LogFileError(file.Name, error.Code, error.Message);
            }

            if (rejects.Truncated)
            {
                LogRejectsTruncated(file.Name, summary.Rejected, options.MaxRejectRows);
            }

            await queues.EnqueueThresholdChecksAsync(ThresholdChecks.For(summary, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            var report = await WriteSummaryAsync(file, summary, error, (rejectsPath, rejects), cancellationToken).ConfigureAwait(false);
            LogCompleted(file.Name, summary.Events, summary.Accepted, summary.Duplicates, summary.Rejected, summary.Late);
            return report;
        }
        finally
        {
            File.Delete(rejectsPath);
        }
    }

    /// <summary>Uploads the rejects (or deletes an earlier version's) and writes the summary.</summary>
    private async Task<FileIngestionReport> WriteSummaryAsync(
        UsageFile file,
        IngestionSummary summary,
        FileError? error,
        (string Path, RejectsFile File)? rejects,
        CancellationToken cancellationToken)
    {
        var rejectsBlob = summary.Rejected > 0 ? $"{file.Name}.errors.jsonl" : null;
        var output = blobs.GetBlobContainerClient(names.RejectsContainer);
        await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (rejectsBlob is not null && rejects is { } written)
        {
            // In blocks of 4 MiB, not one request of up to 256 MiB: each request must finish
            // within a storage try's timeout (Storage:TryTimeout, StorageCallOptions).
            await output.GetBlobClient(rejectsBlob).UploadAsync(
                written.Path,
                new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = RejectsBlockBytes, MaximumTransferSize = RejectsBlockBytes } },
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // An earlier version of this file may have left rejects; they no longer describe it.
            await output.GetBlobClient($"{file.Name}.errors.jsonl").DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var report = new FileIngestionReport(
            $"{file.Container}/{file.Name}",
            file.ETag,
            error is null,
            error is null ? null : new ErrorDetail(error.Code, error.Message),
            summary.Events,
            summary.Accepted,
            summary.Duplicates,
            summary.Rejected,
            summary.Late,
            rejects?.File.CountsByReason() ?? new Dictionary<string, long>(),
            rejectsBlob is null ? null : $"{names.RejectsContainer}/{rejectsBlob}",
            rejects?.File.Truncated ?? false,
            time.GetUtcNow().ToUnixTimeSeconds());
        await output.GetBlobClient($"{file.Name}.summary.json")
            .UploadAsync(BinaryData.FromObjectAsJson(report, FunctionsJson.Default.FileIngestionReport), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
        return report;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Ingesting {Container}/{Name}")]
    private partial void LogStarted(string container, string name);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Name}: {Events} events read, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogProgress(string name, long events, long accepted, long duplicates, long rejected);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Name} done: {Events} events, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Late} late")]
    private partial void LogCompleted(string name, long events, long accepted, long duplicates, long rejected, long late);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Name} could not be read to its end ({Code}): {Reason}")]
    private partial void LogFileError(string name, string code, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "{Name}: {Rejected} rows rejected; the rejects blob holds the first {MaxRows}, the summary counts them all by reason")]
    private partial void LogRejectsTruncated(string name, long rejected, int maxRows);
}
