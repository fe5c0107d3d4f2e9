namespace Billing.Ingestion.UsageFiles;

/// <summary>One version of a usage file: the blob trigger's input.</summary>
public sealed record UsageFile(string Container, string Name, string ETag);
