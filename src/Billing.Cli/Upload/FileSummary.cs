namespace Billing.Cli.Upload;

/// <summary>
/// <c>usage-rejects/&lt;path&gt;.summary.json</c>, written by the blob function for each version of a
/// usage file (docs/contracts.md §1, Files).
/// </summary>
/// <param name="Complete">False when the file could not be read to its end (<paramref name="Error"/> says why). Summaries written before the field existed lack it: complete.</param>
/// <param name="RejectedByReason">Rejected rows per reason code.</param>
/// <param name="RejectsTruncated">The rejects blob holds only the first rows; <paramref name="RejectedByReason"/> counts them all.</param>
internal sealed record FileSummary(
    string File,
    string Etag,
    long Events,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Late,
    string? RejectsBlob,
    long CompletedAt,
    bool Complete = true,
    FileSummaryError? Error = null,
    IReadOnlyDictionary<string, long>? RejectedByReason = null,
    bool RejectsTruncated = false);
