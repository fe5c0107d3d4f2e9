using Azure.Storage.Blobs;
using Billing.Ingestion.Requests;
using Billing.Ingestion.UsageFiles;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Triggers;

/// <summary>
/// A usage file landed in container <c>usage</c> (the host learns it from Event Grid): the handler
/// streams that version of it, by name and ETag, from storage. The binding is the SDK's
/// <see cref="BlobClient"/>, so the host never passes the content: files of any size are read in
/// chunks, never whole.
/// </summary>
public sealed partial class IngestUsageBlobFunction(IngestUsageFileHandler handler, ILogger<IngestUsageBlobFunction> logger)
{
    [Function("IngestUsageBlob")]
    public async Task RunAsync(
        [BlobTrigger("usage/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(context);

        // The version that triggered: an overwrite is another version, and another invocation.
        var etag = BlobTriggerData.ETag(context.BindingContext.BindingData)
            ?? (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag.ToString();
        var report = await handler.HandleAsync(new UsageFile(blob.BlobContainerName, blob.Name, etag), cancellationToken).ConfigureAwait(false);
        LogIngested(blob.Name, report.Events, report.Accepted, report.Duplicates, report.Rejected, report.Late,
            report.Error is { } error ? $"; not read to its end: {error.Code}: {error.Message}" : string.Empty);
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Name}: {Events} events, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Late} late{FileError}")]
    private partial void LogIngested(string name, long events, long accepted, long duplicates, long rejected, long late, string fileError);
}
