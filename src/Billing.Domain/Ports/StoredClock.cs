namespace Billing.Domain.Ports;

/// <summary>The test clock as stored: its frozen time (UTC) and the store's token for the next write (opaque: the adapter's ETag).</summary>
public sealed record StoredClock(DateTimeOffset FrozenTime, string Version);
