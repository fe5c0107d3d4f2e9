using Azure;

namespace Billing.Storage.Clock;

/// <summary>The test clock's row: its frozen time (UTC) and the row's ETag for the next write.</summary>
public readonly record struct StoredClock(DateTimeOffset FrozenTime, ETag ETag);
