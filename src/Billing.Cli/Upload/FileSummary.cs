namespace Billing.Cli.Upload;

/// <summary>
/// <c>usage-rejects/&lt;path&gt;.summary.json</c>, written by the blob function for each version of a
/// usage file (docs/contracts.md §1, Files).
/// </summary>
internal sealed record FileSummary(
    string File,
    string Etag,
    long Events,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Late,
    string? RejectsBlob,
    long CompletedAt);
