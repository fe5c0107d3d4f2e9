using Azure.Data.Tables;
using Billing.Domain.Meters;
using Billing.Domain.Usage;
using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

public sealed class CommitPlanTests
{
    private static readonly Meter Compute = new("compute_seconds", "compute_seconds", AggregationFormula.Sum);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Make_HeadWithAMonthOfDays_ChargesOnlyTheKeys()
    {
        var plan = CommitPlan.Make(StateWithDays(meters: 6, days: 31), new HashSet<UInt128>(), [Record(1)], 0, new bool[1], 40_000);

        Assert.Equal(1, plan.KeysUsed);
    }

    [Fact]
    public void Make_HeadWithAYearOfManyMeters_ChargesItsDaysBeyondTheFreeBytesAsKeys()
    {
        // 20 meters × 365 days: 7,300 stored days and the one the record adds, 32 bytes each, less 16 KiB free, at 16 bytes a key.
        var plan = CommitPlan.Make(StateWithDays(meters: 20, days: 365), new HashSet<UInt128>(), [Record(1)], 0, new bool[1], 40_000);

        Assert.Equal(1 + (((7_301 * CommitPlan.DayBytes) - CommitPlan.FreeDayBytes) / 16), plan.KeysUsed);
    }

    private static UsageRecord Record(int key) => new((UInt128)(ulong)key, Compute, new UsageSample(Start.AddDays(400), 1m, string.Empty));

    private static PartitionState StateWithDays(int meters, int days)
    {
        var head = new TableEntity("s00", "h|sub_A|000000000000");
        StoredDays.Write(head, Enumerable.Range(0, meters).Select(m => (
            $"m{m}",
            AggregationFormula.Sum,
            Enumerable.Range(0, days).Select(d => KeyValuePair.Create(UsageDays.DayNumber(Start.AddDays(d)), MeterAggregate.Restore(AggregationFormula.Sum, 1, 1m, null, null, 0m, 0))))));
        return PartitionState.FromHead(head);
    }
}
