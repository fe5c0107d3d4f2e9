using Billing.Testing;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>Usage files with known totals: every event valid and unique, so a clean run accepts all of them once.</summary>
internal static class UsageFiles
{
    /// <summary><paramref name="count"/> compute_seconds events of one customer, an hour ago, values 1–7.</summary>
    public static (byte[] Content, MeterUsage Expected) Compute(string customer, string identifierPrefix, int count)
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var lines = Enumerable.Range(0, count).Select(i => UsageEvents.Compute(customer, $"{identifierPrefix}-{i}", at, (i % 7) + 1));
        var quantity = Enumerable.Range(0, count).Sum(i => (decimal)((i % 7) + 1));
        return (UsageEvents.Jsonl(lines), new MeterUsage(count, quantity));
    }
}
