namespace Billing.Ingestion.Uploads;

/// <summary><c>GET /api/uploads/rejects</c>, its query checked.</summary>
/// <param name="File">The file's path inside the usage container.</param>
/// <param name="StartingAfterLine">The page starts after this line number (the last <c>line</c> of the page before); 0: the first page.</param>
/// <param name="Limit">At most this many rows, 1 to <see cref="UploadPaging.MaxLimit"/>.</param>
public sealed record UploadRejectsRequest(string File, long StartingAfterLine, int Limit)
{
    public long StartingAfterLine { get; } = StartingAfterLine >= 0
        ? StartingAfterLine
        : throw new ArgumentOutOfRangeException(nameof(StartingAfterLine), StartingAfterLine, "Lines are numbered from 1.");

    public int Limit { get; } = Limit is >= 1 and <= UploadPaging.MaxLimit
        ? Limit
        : throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A page holds 1 to {UploadPaging.MaxLimit} rows.");
}
