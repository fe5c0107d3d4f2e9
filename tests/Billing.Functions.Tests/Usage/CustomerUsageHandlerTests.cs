using Billing.Invoicing.Usage;
using Billing.Testing;

namespace Billing.Functions.Tests.Usage;

public sealed class CustomerUsageHandlerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_UnknownCustomer_ReturnsNull()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        Assert.Null(await harness.App.Get<CustomerUsageHandler>().HandleAsync("cus_nobody", Ct));
    }

    [Fact]
    public async Task HandleAsync_NoUsageYet_ReturnsZeroQuantitiesAndTheBaseFee()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        var usage = await harness.App.Get<CustomerUsageHandler>().HandleAsync("cus_B", Ct);

        var subscription = Assert.Single(usage!.Subscriptions);
        Assert.All(subscription.Meters, m => Assert.Equal((0L, 0m), (m.Events, m.Quantity)));

        // The api price's first tier carries a 500 ¢ flat fee, due even at zero calls.
        Assert.Equal(500, subscription.Meters.Single(m => m.Meter == "api_calls").Amount);
        Assert.Equal(500, subscription.Amount);
        Assert.Equal((500L, 0.05m), (subscription.Threshold!.UnbilledEligible, subscription.Threshold!.Progress));
    }

    [Fact]
    public async Task HandleAsync_ClockInNextPeriod_ReportsTheNewPeriodEmpty()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await harness.IngestAsync("january.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 36)));
        var handler = harness.App.Get<CustomerUsageHandler>();
        var january = await handler.HandleAsync("cus_A", Ct);
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        var february = await handler.HandleAsync("cus_A", Ct);

        Assert.Equal(12, january!.Subscriptions[0].Meters.Sum(m => m.Events));
        var period = february!.Subscriptions[0];
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), period.PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), period.PeriodEnd);
        Assert.Equal(0, period.Meters.Sum(m => m.Events));
    }
}
