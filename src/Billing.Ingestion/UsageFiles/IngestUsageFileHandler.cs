using System.Text.Json;
using Billing.Domain;
using Billing.Domain.Ports;
using Billing.Ingestion.Parsing;
using Microsoft.Extensions.Logging;

namespace Billing.Ingestion.UsageFiles;

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
    private readonly IUsageFiles files;
    private readonly IThresholdCheckQueue queues;
    private readonly UsageIngestor ingestor;
    private readonly IngestionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<IngestUsageFileHandler> logger;

    public IngestUsageFileHandler(
        IUsageFiles files,
        UsageIngestor ingestor,
        IngestionOptions options,
        IThresholdCheckQueue queues,
        TimeProvider time,
        ILogger<IngestUsageFileHandler> logger)
    {
        this.queues = queues;
        this.files = files;
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

        var rejectsPath = Path.Combine(Path.GetTempPath(), $"billing-rejects-{Guid.NewGuid():N}.jsonl");
        try
        {
            IngestionSummary summary;
            FileError? error;
            RejectsFile rejects;
            await using (rejects = new RejectsFile(rejectsPath, options.MaxRejectRows))
            {
                // Pinned to the triggering version: if the blob is overwritten meanwhile, this run
                // fails and the new version is ingested by its own trigger.
                await using var raw = await files.OpenAsync(file.Container, file.Name, file.ETag, cancellationToken).ConfigureAwait(false);
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
        string? rejectsLocation = null;
        if (summary.Rejected > 0 && rejects is { } written)
        {
            await using var rows = new FileStream(written.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            rejectsLocation = await files.WriteRejectsAsync(file.Name, rows, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // An earlier version of this file may have left rejects; they no longer describe it.
            await files.DeleteRejectsAsync(file.Name, cancellationToken).ConfigureAwait(false);
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
            rejectsLocation,
            rejects?.File.Truncated ?? false,
            time.GetUtcNow().ToUnixTimeSeconds());
        await files.WriteSummaryAsync(file.Name, JsonSerializer.SerializeToUtf8Bytes(report, IngestionJson.Default.FileIngestionReport), cancellationToken)
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
