namespace Billing.Ingestion;

/// <summary>Reported after each committed chunk of a file.</summary>
public readonly record struct IngestionProgress(long Events, long Accepted, long Duplicates, long Rejected);
