using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>No daily series: the stand-in until #12 item 6 is wired in (replace the registration).</summary>
public sealed class NoDashboardDailySpend : IDashboardDailySpend
{
    public Task<IReadOnlyList<DailySpendView>> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DailySpendView>>([]);
}
