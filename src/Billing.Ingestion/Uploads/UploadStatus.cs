namespace Billing.Ingestion.Uploads;

/// <summary>Where a usage file's ingestion stands, as <c>GET /api/uploads</c> shows it.</summary>
public static class UploadStatus
{
    /// <summary>The summary of the file's current version is written: ingestion is done.</summary>
    public const string Processed = "processed";

    /// <summary>
    /// No summary of the current version yet (none at all, or an earlier version's): the file waits
    /// for the blob trigger or is being ingested. A file that stays so failed on storage errors until
    /// its blob was poisoned (the app's log says why).
    /// </summary>
    public const string Processing = "processing";
}
