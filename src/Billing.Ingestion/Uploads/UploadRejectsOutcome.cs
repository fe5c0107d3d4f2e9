namespace Billing.Ingestion.Uploads;

/// <summary>What <c>GET /api/uploads/rejects</c> answers; the HTTP layer maps it to a status code.</summary>
public abstract record UploadRejectsOutcome
{
    private UploadRejectsOutcome()
    {
    }

    /// <summary>200: the summary of the file's current version and a page of its rejected rows (none when nothing was rejected).</summary>
    public sealed record Found(UploadRejectsPage Page) : UploadRejectsOutcome;

    /// <summary>404 <c>upload_not_found</c>: no such file, and no summary of one.</summary>
    public sealed record NotFound(string Message) : UploadRejectsOutcome;

    /// <summary>409 <c>upload_processing</c>: the file is there but its current version has no summary yet.</summary>
    public sealed record Processing(string Message) : UploadRejectsOutcome;
}
