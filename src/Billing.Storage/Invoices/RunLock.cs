using Azure;

namespace Billing.Storage.Invoices;

/// <summary>
/// A subscription's run lock (row <c>sub|{subscription}</c> in the customer's partition of
/// <c>invoices</c>): the invoice whose run is in flight, if any, and how many runs have started.
/// </summary>
/// <param name="LastThresholdAt">When the subscription's latest threshold run started (business clock); null before the first.</param>
/// <param name="ETag">Null when the row does not exist yet.</param>
public sealed record RunLock(string Customer, string Subscription, string? ActiveInvoice, long Runs, DateTimeOffset? LastThresholdAt, ETag? ETag);
