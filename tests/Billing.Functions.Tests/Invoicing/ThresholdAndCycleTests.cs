using Billing.Domain.Invoicing;
using Billing.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The money path end to end over the functions' handlers, Azurite and the Stripe emulator: a
/// threshold crossing gives one paid invoice shown as billed, the period close gives one cycle
/// invoice, and a period's invoices add up to the price of its usage.
/// </summary>
public sealed class ThresholdAndCycleTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Threshold_UsageCrossesUsd100_OnePaidInvoiceShownAsBilled()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);

        // 1,200,000 compute seconds at 0.01 cent = USD 120.00, in three bursts of one batch of work.
        await h.PostComputeAsync("cus_A", 400_000, 400_000, 400_000);
        var issued = await h.DrainAsync();

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal([invoice.Id], issued);
        Assert.Equal("subscription_threshold", invoice.BillingReason);
        Assert.Equal("paid", invoice.Status);
        // compute 12000, plus the api price's first-tier flat fee (a base fee: 500), both threshold-eligible.
        Assert.Equal(12_500, invoice.Total);
        Assert.Equal(InvoicingHarness.January.Start.ToUnixTimeSeconds(), invoice.PeriodStart);
        Assert.Equal(InvoicingHarness.January.End.ToUnixTimeSeconds(), invoice.PeriodEnd);
        var compute = Assert.Single(invoice.Lines, l => l.Price == "price_compute");
        Assert.Equal(1_200_000m, compute.Quantity);
        Assert.Equal(12_000, compute.Amount);

        var stripeInvoice = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal(invoice.StripeInvoiceId, stripeInvoice.Id);
        Assert.Equal("paid", stripeInvoice.Status);
        Assert.Equal(12_500, stripeInvoice.AmountPaid);

        var usage = Assert.Single((await h.UsageAsync("cus_A")).Subscriptions);
        var computeUsage = Assert.Single(usage.Meters, m => m.Meter == "compute_seconds");
        Assert.Equal(12_000, computeUsage.Billed);
        Assert.Equal(0, computeUsage.Unbilled);
        Assert.Equal(0, usage.Threshold!.UnbilledEligible);

        // The same request again (a redelivery) finds nothing unbilled.
        await h.RunRequestAsync(new InvoiceRunRequest("sub_cus_A", invoice.PeriodStart, "subscription_threshold"));
        Assert.Single(await h.StripeInvoicesAsync("cus_A"));
    }

    [Fact]
    public async Task Threshold_TwoCrossingsThenClose_ThreeInvoicesAndACycleThatBillsTheRest()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.ClosePeriodsAtAsync(InvoicingHarness.Now); // the subscription has started: its create invoice
        await h.PostComputeAsync("cus_B", 1_000_000);
        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.PostComputeAsync("cus_B", 1_100_000);
        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.PostComputeAsync("cus_B", 123_457); // below the threshold: waits for the cycle
        await h.DrainAsync();

        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();

        var invoices = await h.InvoicesAsync("cus_B");
        Assert.Equal(
            ["subscription_create", "subscription_threshold", "subscription_threshold", "subscription_cycle"],
            invoices.Select(i => i.BillingReason).ToArray());
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
        Assert.Equal(invoices.Count, (await h.StripeInvoicesAsync("cus_B")).Count);

        // Compute over the period: 2,223,457 s × 0.01 cent = 22,234.57 cents → 22,235 in total, once.
        var computeLines = invoices.SelectMany(i => i.Lines).Where(l => l.Price == "price_compute").ToArray();
        Assert.Equal(22_235, computeLines.Sum(l => l.Amount));
        Assert.Equal(2_223_457m, computeLines.Sum(l => l.Quantity));

        var cycle = invoices.Single(i => i.BillingReason == "subscription_cycle");
        var seats = Assert.Single(cycle.Lines, l => l.Meter is null);
        Assert.Equal(7_500, seats.Amount); // 3 seats × 2500, February in advance
        Assert.Equal(InvoicingHarness.January.End.ToUnixTimeSeconds(), seats.PeriodStart);
        var create = invoices.Single(i => i.BillingReason == "subscription_create");
        Assert.Equal(7_500, create.Total);
    }

    [Fact]
    public async Task Threshold_CrossedAgainWithinTheInterval_WaitsForTheNextCheckAfterIt()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_C", 1_000_000);
        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.PostComputeAsync("cus_C", 1_000_000); // USD 100.00 again, ten minutes later
        await h.DrainAsync();

        Assert.Single(await h.InvoicesAsync("cus_C"));
        Assert.Equal(10_000, Assert.Single((await h.UsageAsync("cus_C")).Subscriptions).Threshold!.UnbilledEligible);

        h.Clock.Advance(Billing.Invoicing.InvoicingOptions.DefaultMinThresholdInterval);
        await h.PostComputeAsync("cus_C", 1);
        await h.DrainAsync();

        var invoices = await h.InvoicesAsync("cus_C");
        Assert.Equal(2, invoices.Count);
        Assert.Equal(10_000, invoices[1].Total); // the second crossing and the last event's 0.01 cent, rounded
        Assert.Equal(2, (await h.StripeInvoicesAsync("cus_C")).Count);
    }

    [Fact]
    public async Task Cycle_LateUsageOfAnInvoicedPeriod_BilledOnTheNextCycleAsALineNamingItsPeriod()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 300_000); // USD 30.00, below the threshold
        var januaryClose = InvoicingHarness.January.End + TimeSpan.FromHours(1);
        await h.ClosePeriodsAtAsync(januaryClose);
        await h.DrainAsync();

        // Two days after January's cycle invoice, an event of January 25 arrives: late, not lost.
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.PostComputeAtAsync(new DateTimeOffset(2026, 1, 25, 0, 0, 0, TimeSpan.Zero), "cus_A", 123_456);
        await h.DrainAsync();
        Assert.Equal(1, (await h.App.Get<Billing.Storage.Usage.UsageStore>().ReadAsync(
            new Billing.Domain.Usage.UsagePartition("sub_cus_A", InvoicingHarness.January), Ct))!.LateEvents);

        var february = InvoicingHarness.January.End;
        await h.ClosePeriodsAtAsync(february.AddMonths(1) + TimeSpan.FromHours(1));
        await h.DrainAsync();

        var cycles = (await h.InvoicesAsync("cus_A")).Where(i => i.BillingReason == "subscription_cycle").ToArray();
        Assert.Equal(2, cycles.Length);
        var late = Assert.Single(cycles[1].Lines, l => l.Price == "price_compute" && l.PeriodStart == InvoicingHarness.January.Start.ToUnixTimeSeconds());
        Assert.Equal(123_456m, late.Quantity);
        // January priced again by the prefix rule: round(423,456 × 0.01) − 3,000 already billed.
        Assert.Equal(4_235 - 3_000, late.Amount);
        Assert.Equal(cycles[1].PeriodStart, february.ToUnixTimeSeconds());
        var januaryCompute = cycles.SelectMany(c => c.Lines).Where(l => l.Price == "price_compute" && l.PeriodStart == InvoicingHarness.January.Start.ToUnixTimeSeconds());
        Assert.Equal(4_235, januaryCompute.Sum(l => l.Amount));
    }
}
