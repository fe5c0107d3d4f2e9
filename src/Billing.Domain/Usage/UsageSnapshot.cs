using Billing.Domain.Invoicing;

namespace Billing.Domain.Usage;

/// <summary>A partition's aggregates as the usage ledger read them.</summary>
/// <param name="LateEvents">Events accepted after the period was invoiced (billed on the next cycle invoice).</param>
/// <param name="InvoicedAt">When the period's cycle invoice was issued; null while the period is open.</param>
/// <param name="Version">
/// The ledger's token for the state read (opaque here: the storage adapter's ETag), which
/// <see cref="Ports.IUsageLedger.TryMarkInvoicedAsync"/> checks, so that nothing committed since the read is missed.
/// </param>
public sealed record UsageSnapshot(
    UsagePartition Partition,
    IReadOnlyDictionary<string, MeterUsage> Meters,
    long LateEvents,
    DateTimeOffset? InvoicedAt,
    string Version)
{
    public decimal QuantityOf(string meterId) => Meters.TryGetValue(meterId, out var usage) ? usage.Quantity : 0m;

    /// <summary>The partition's usage as the invoicing rules read it, with what was billed so far.</summary>
    public PeriodUsage ToPeriodUsage(IReadOnlyDictionary<string, BilledToDate> billedByPrice) =>
        new(Partition.Period, Meters.ToDictionary(m => m.Key, m => m.Value.Quantity, StringComparer.Ordinal), billedByPrice);
}
