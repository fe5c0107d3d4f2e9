using Billing.Invoicing.Alerts;
using Billing.Invoicing.Dashboard;
using Billing.Testing;

namespace Billing.Functions.Tests.Alerts;

/// <summary>The dashboard's alert rules: a customer's rules, marked fired when they fired in the current period.</summary>
public sealed class DashboardAlertsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_OneRuleFiredThisPeriod_MarksItFiredUntilTheNextPeriod()
    {
        await using var h = await AlertHarness.CreateAsync(azurite);
        var spend = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "spend", gte = 800 });
        var usage = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "usage", meter = "compute_seconds", gte = 1_000_000 });
        await h.CreateAlertAsync(new { subscription = "sub_cus_B", type = "spend", gte = 800 });
        await h.PostComputeAsync([40_000m]); // 400 minor units past the base fee of 500: spend 900
        await h.RunChecksAsync();
        var alerts = h.Outbound.App.Get<IDashboardAlerts>();
        Assert.IsType<DashboardAlerts>(alerts);

        var january = await alerts.ReadAsync("cus_A", Ct);

        Assert.Equal(
            [(spend, "spend", true), (usage, "usage", false)],
            january.Select(r => (r.Id, r.Type, r.FiredThisPeriod)).OrderBy(r => r.Type, StringComparer.Ordinal));
        Assert.All(january, r => Assert.Equal("sub_cus_A", r.Subscription));

        h.Clock.SetUtcNow(AppHarness.January.End.AddHours(2));
        Assert.All(await alerts.ReadAsync("cus_A", Ct), r => Assert.False(r.FiredThisPeriod));
    }
}
