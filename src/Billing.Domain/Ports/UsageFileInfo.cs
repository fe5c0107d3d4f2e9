namespace Billing.Domain.Ports;

/// <summary>One usage file as stored now (its latest version).</summary>
/// <param name="Name">The path inside the usage container, e.g. <c>2026/01/events.csv</c>.</param>
/// <param name="Version">The version's ETag, as ingestion records it in the summary (quotes are not significant).</param>
/// <param name="Size">Bytes, as stored (compressed for <c>.gz</c>).</param>
/// <param name="LastModified">When this version was written (UTC).</param>
public sealed record UsageFileInfo(string Name, string Version, long Size, DateTimeOffset LastModified);
