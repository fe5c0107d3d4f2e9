using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A graduated price with sub-cent unit amounts, billed by several threshold invoices and the cycle
/// invoice of one period: their lines add up to the price of the period's total usage, to the cent.
/// </summary>
public sealed class GraduatedPeriodTests(AzuriteFixture azurite)
{
    private static readonly string Catalog = $$$"""
        {
          "meters": [{"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}}],
          "prices": [
            {"id":"price_graduated","currency":"usd","billing_scheme":"tiered","tiers_mode":"graduated",
             "tiers":[{"up_to":100000,"unit_amount_decimal":"0.0137","flat_amount":99},
                      {"up_to":250000.5,"unit_amount_decimal":"0.00915"},
                      {"up_to":null,"unit_amount_decimal":"0.004333","flat_amount":1}],
             "recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}}],
          "customers": [{"id":"cus_A"}],
          "subscriptions": [{"id":"sub_cus_A","customer":"cus_A",
             "billing_cycle_anchor":{{{TestCatalogs.Anchor.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}},
             "billing_thresholds":{"amount_gte":700},"items":[{"price":"price_graduated"}]}]
        }
        """;

    [Fact]
    public async Task Period_ThresholdInvoicesThenCycle_SumToThePriceOfTheTotal()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, Catalog);
        decimal[][] bursts = [[40_000.3m, 12_345.67m], [3m], [70_000.01m], [90_000.5m, 0.25m], [33_333.33m], [150_000m, 7.77m], [1.1m]];
        foreach (var burst in bursts)
        {
            await h.PostComputeAsync("cus_A", burst);
            await h.DrainAsync();
            h.Clock.Advance(TimeSpan.FromHours(7));
        }

        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();

        var invoices = await h.InvoicesAsync("cus_A");
        var thresholds = invoices.Count(i => i.BillingReason == "subscription_threshold");
        Assert.InRange(thresholds, 3, bursts.Length);
        Assert.Single(invoices, i => i.BillingReason == "subscription_cycle");
        var total = bursts.SelectMany(b => b).Sum();
        var price = CatalogLoader.Parse(Catalog).FindPrice("price_graduated")!;
        var lines = invoices.SelectMany(i => i.Lines).ToArray();
        Assert.Equal(price.PriceOf(total).AmountMinor, lines.Sum(l => l.Amount));
        Assert.Equal(total, lines.Sum(l => l.Quantity));
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
        var stripe = await h.StripeInvoicesAsync("cus_A");
        Assert.Equal(invoices.Count, stripe.Count);
        Assert.Equal(invoices.Sum(i => i.Total), stripe.Sum(i => i.AmountPaid));
    }
}
