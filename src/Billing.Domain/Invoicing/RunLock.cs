namespace Billing.Domain.Invoicing;

/// <summary>
/// A subscription's run lock: the invoice whose run is in flight, if any, how many runs have
/// started, and the requests waiting for the run in flight. At most one run per subscription
/// holds it (docs/invoicing.md).
/// </summary>
/// <param name="LastThresholdAt">When the subscription's latest threshold run started (business clock); null before the first.</param>
/// <param name="Version">The store's token for the lock as read (opaque: the adapter's ETag); null when it was never written.</param>
public sealed record RunLock(string Customer, string Subscription, string? ActiveInvoice, long Runs, DateTimeOffset? LastThresholdAt, string? Version)
{
    /// <summary>
    /// Requests that found the run in flight: the run hands them back to the <c>invoice-runs</c> queue
    /// when it completes, so a busy subscription's request waits without being sent round the queue.
    /// </summary>
    public IReadOnlyList<InvoiceRunRequest> Waiting { get; init; } = [];
}
