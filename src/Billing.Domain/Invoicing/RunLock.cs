namespace Billing.Domain.Invoicing;

/// <summary>
/// A subscription's run lock: the invoice whose run is in flight, if any, and how many runs have
/// started. At most one run per subscription holds it (docs/invoicing.md).
/// </summary>
/// <param name="LastThresholdAt">When the subscription's latest threshold run started (business clock); null before the first.</param>
/// <param name="Version">The store's token for the lock as read (opaque: the adapter's ETag); null when it was never written.</param>
public sealed record RunLock(string Customer, string Subscription, string? ActiveInvoice, long Runs, DateTimeOffset? LastThresholdAt, string? Version);
