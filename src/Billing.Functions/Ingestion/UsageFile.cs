namespace Billing.Functions.Ingestion;

/// <summary>One version of a usage file: the blob trigger's input.</summary>
public sealed record UsageFile(string Container, string Name, string ETag);
