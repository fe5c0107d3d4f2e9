using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Ingestion;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;
using Billing.Storage;
using Billing.Storage.Queues;

namespace Billing.Functions.Ingestion;

/// <summary>
/// The blob function: ingests one version of a usage file. Safe to run any number of times on the
/// same version: dedup makes the aggregates those of one run, and the rejects and summary blobs
/// are rewritten whole. Rejected rows go to <c>usage-rejects/&lt;same path&gt;.errors.jsonl</c>
/// (line, identifier, reason, message); the counts to <c>&lt;same path&gt;.summary.json</c>.
/// </summary>
public sealed partial class IngestUsageFileHandler
{
    private const int RejectsBlockBytes = 4 * 1024 * 1024;

    private readonly BlobServiceClient blobs;
    private readonly StorageNames names;
    private readonly WorkQueues queues;
    private readonly UsageIngestor ingestor;
    private readonly TimeProvider time;
    private readonly ILogger<IngestUsageFileHandler> logger;

    public IngestUsageFileHandler(
        BlobServiceClient blobs,
        StorageNames names,
        UsageIngestor ingestor,
        WorkQueues queues,
        TimeProvider time,
        ILogger<IngestUsageFileHandler> logger)
    {
        this.queues = queues;
        this.blobs = blobs;
        this.names = names;
        this.ingestor = ingestor;
        this.time = time;
        this.logger = logger;
    }

    public async Task<FileIngestionReport> HandleAsync(UsageFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var source = blobs.GetBlobContainerClient(file.Container).GetBlobClient(file.Name);
        var rejectsPath = Path.Combine(Path.GetTempPath(), $"billing-rejects-{Guid.NewGuid():N}.jsonl");
        try
        {
            IngestionSummary summary;
            await using (var rejects = new RejectsWriter(rejectsPath))
            {
                // Pinned to the triggering version: if the blob is overwritten meanwhile, this run
                // fails (412) and the new version is ingested by its own trigger.
                var options = new BlobOpenReadOptions(allowModifications: false)
                {
                    BufferSize = 4 * 1024 * 1024,
                    Conditions = new BlobRequestConditions { IfMatch = new Azure.ETag(file.ETag) },
                };
                await using var raw = await source.OpenReadAsync(options, cancellationToken).ConfigureAwait(false);
                await using var content = EventFiles.Decompress(raw, file.Name);
                LogStarted(file.Container, file.Name);
                summary = await ingestor.IngestStreamAsync(
                    EventFiles.Read(content, file.Name),
                    rejects.Write,
                    new Progress<IngestionProgress>(p => LogProgress(file.Name, p.Events, p.Accepted, p.Duplicates, p.Rejected)),
                    cancellationToken).ConfigureAwait(false);
            }

            await queues.EnqueueThresholdChecksAsync(ThresholdChecks.For(summary, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            var rejectsBlob = summary.Rejected > 0 ? $"{file.Name}.errors.jsonl" : null;
            var output = blobs.GetBlobContainerClient(names.RejectsContainer);
            await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (rejectsBlob is not null)
            {
                // In blocks of 4 MiB, not one request of up to 256 MiB: each request must finish
                // within a storage try's timeout (Storage:TryTimeout, StorageCallOptions).
                await output.GetBlobClient(rejectsBlob).UploadAsync(
                    rejectsPath,
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
                summary.Events,
                summary.Accepted,
                summary.Duplicates,
                summary.Rejected,
                summary.Late,
                rejectsBlob is null ? null : $"{names.RejectsContainer}/{rejectsBlob}",
                time.GetUtcNow().ToUnixTimeSeconds());
            await output.GetBlobClient($"{file.Name}.summary.json")
                .UploadAsync(BinaryData.FromObjectAsJson(report, FunctionsJson.Default.FileIngestionReport), overwrite: true, cancellationToken)
                .ConfigureAwait(false);
            LogCompleted(file.Name, summary.Events, summary.Accepted, summary.Duplicates, summary.Rejected, summary.Late);
            return report;
        }
        finally
        {
            File.Delete(rejectsPath);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Ingesting {Container}/{Name}")]
    private partial void LogStarted(string container, string name);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Name}: {Events} events read, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogProgress(string name, long events, long accepted, long duplicates, long rejected);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Name} done: {Events} events, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Late} late")]
    private partial void LogCompleted(string name, long events, long accepted, long duplicates, long rejected, long late);

    /// <summary>Writes one JSON line per rejected event to a local file (bounded memory), uploaded at the end.</summary>
    private sealed class RejectsWriter : IAsyncDisposable
    {
        private readonly FileStream file;
        private readonly Utf8JsonWriter json;

        public RejectsWriter(string path)
        {
            file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            json = new Utf8JsonWriter(file);
        }

        public void Write(RawEvent raw, Rejection rejection)
        {
            json.WriteStartObject();
            json.WriteNumber("line", raw.Line);
            if (raw.Identifier is null)
            {
                json.WriteNull("identifier");
            }
            else
            {
                json.WriteString("identifier", raw.Identifier);
            }

            json.WriteString("reason", rejection.Code);
            json.WriteString("message", rejection.Message);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            file.WriteByte((byte)'\n');
        }

        public async ValueTask DisposeAsync()
        {
            await json.DisposeAsync().ConfigureAwait(false);
            await file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
