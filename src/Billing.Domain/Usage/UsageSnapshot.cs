using Billing.Domain.Invoicing;

namespace Billing.Domain.Usage;

/// <summary>A partition's aggregates as the usage ledger read them.</summary>
/// <param name="LateEvents">Events accepted after the period was invoiced (billed on the next cycle invoice).</param>
/// <param name="InvoicedAt">When the period's cycle invoice was issued; null while the period is open.</param>
/// <param name="Version">
/// The ledger's token for the state read (opaque here: the storage adapter's ETag), which
/// <see cref="Ports.IUsageLedger.TryMarkInvoicedAsync"/> checks, so that nothing committed since the read is missed.
/// </param>
/// <param name="Days">
/// Per meter, its UTC days by event time (<see cref="MeterDay"/>), committed with the aggregates;
/// empty when the partition was written before the ledger kept days. A meter whose days hold fewer
/// events than its aggregate had usage before then: its series is unknown.
/// </param>
public sealed record UsageSnapshot(
    UsagePartition Partition,
    IReadOnlyDictionary<string, MeterUsage> Meters,
    long LateEvents,
    DateTimeOffset? InvoicedAt,
    string Version,
    IReadOnlyDictionary<string, IReadOnlyList<MeterDay>>? Days = null)
{
    /// <summary>The meter's stored days (none when it has no usage, or when its usage predates days).</summary>
    public IReadOnlyList<MeterDay> DaysOf(string meterId) =>
        Days is not null && Days.TryGetValue(meterId, out var days) ? days : [];

    /// <summary>
    /// Events committed to the partition, all meters together. Every commit that accepts an event
    /// raises it, so of two states of one partition the one with more events is the later.
    /// </summary>
    public long CommittedEvents => Meters.Values.Sum(m => m.EventCount);

    public decimal QuantityOf(string meterId) => Meters.TryGetValue(meterId, out var usage) ? usage.Quantity : 0m;

    /// <summary>The partition's usage as the invoicing rules read it, with what was billed so far.</summary>
    public PeriodUsage ToPeriodUsage(IReadOnlyDictionary<string, BilledToDate> billedByPrice) =>
        new(Partition.Period, Meters.ToDictionary(m => m.Key, m => m.Value.Quantity, StringComparer.Ordinal), billedByPrice);
}
