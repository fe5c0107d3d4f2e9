namespace Billing.Ingestion.Uploads;

/// <summary><c>GET /api/uploads</c>, its query checked.</summary>
/// <param name="Prefix">Files whose path inside the usage container starts with it; empty: every file.</param>
/// <param name="StartingAfter">The page starts after this path (the last <c>name</c> of the page before); null: the first page.</param>
/// <param name="Limit">At most this many files, 1 to <see cref="UploadPaging.MaxLimit"/>.</param>
public sealed record ListUploadsRequest(string Prefix, string? StartingAfter, int Limit)
{
    public int Limit { get; } = Limit is >= 1 and <= UploadPaging.MaxLimit
        ? Limit
        : throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A page holds 1 to {UploadPaging.MaxLimit} files.");
}
