using Azure;
using Azure.Data.Tables;
using Billing.Domain.Invoicing;

namespace Billing.Storage.Usage;

/// <summary>A partition's aggregates as read from its head row.</summary>
/// <param name="LateEvents">Events accepted after the period was invoiced (billed on the next cycle invoice).</param>
/// <param name="InvoicedAt">When the period's cycle invoice was issued; null while the period is open.</param>
public sealed record UsageSnapshot(
    UsagePartition Partition,
    IReadOnlyDictionary<string, MeterUsage> Meters,
    long LateEvents,
    DateTimeOffset? InvoicedAt,
    ETag ETag)
{
    public decimal QuantityOf(string meterId) => Meters.TryGetValue(meterId, out var usage) ? usage.Quantity : 0m;

    /// <summary>The partition's usage as the invoicing rules read it, with what was billed so far.</summary>
    public PeriodUsage ToPeriodUsage(IReadOnlyDictionary<string, BilledToDate> billedByPrice) =>
        new(Partition.Period, Meters.ToDictionary(m => m.Key, m => m.Value.Quantity, StringComparer.Ordinal), billedByPrice);

    internal static UsageSnapshot From(UsagePartition partition, TableEntity head) => new(
        partition,
        PartitionState.ReadAggregates(head).ToDictionary(
            a => a.MeterId,
            a => new MeterUsage(a.MeterId, a.Formula, a.EventCount, a.Quantity),
            StringComparer.Ordinal),
        head.GetInt64("LateEvents") ?? 0,
        head.GetDateTimeOffset("InvoicedAt"),
        head.ETag);
}
