using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>Reads a <see cref="UsageSnapshot"/> from a partition's head row; its version is the head's ETag.</summary>
internal static class UsageSnapshots
{
    public static UsageSnapshot From(UsagePartition partition, TableEntity head) => new(
        partition,
        PartitionState.ReadAggregates(head).ToDictionary(
            a => a.MeterId,
            a => new MeterUsage(a.MeterId, a.Formula, a.EventCount, a.Quantity),
            StringComparer.Ordinal),
        head.GetInt64("LateEvents") ?? 0,
        head.GetDateTimeOffset("InvoicedAt"),
        head.ETag.ToString(),
        StoredDays.Read(head).ToDictionary(
            d => d.Key,
            d => (IReadOnlyList<MeterDay>)d.Value.Days.Select(day => new MeterDay(DateOnly.FromDayNumber(day.Key), day.Value)).OrderBy(day => day.Date).ToArray(),
            StringComparer.Ordinal));
}
