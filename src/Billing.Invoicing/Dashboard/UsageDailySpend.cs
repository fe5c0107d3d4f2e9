using System.Globalization;
using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The dashboard's daily spend: the usage API's daily series (<c>?daily=true</c>, docs/contracts.md
/// §2) of each meter, the days with usage. A meter whose series is unknown (usage stored before
/// the series existed) adds nothing.
/// </summary>
public sealed class UsageDailySpend : IDashboardDailySpend
{
    public Task<IReadOnlyList<DailySpendView>> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        IReadOnlyList<DailySpendView> days =
        [
            .. usage.Meters.SelectMany(m => (m.Daily ?? []).Where(d => d.Events > 0).Select(d => new DailySpendView(
                m.Meter, DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Quantity ?? 0m, d.Amount ?? 0))),
        ];
        return Task.FromResult(days);
    }
}
