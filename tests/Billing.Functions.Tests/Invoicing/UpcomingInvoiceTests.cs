using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Invoicing;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// <c>GET /api/invoices/upcoming</c> against what the close then issues: usage stops, the period
/// closes, and the cycle invoice equals the last preview line for line (price, meter, quantity,
/// amount, period), also on Stripe (amount, period, metadata, the description's quantity), with
/// threshold invoices billed in between, a run in flight while the preview is taken, and late
/// usage the previous period's cycle invoice has yet to bill.
/// </summary>
public sealed class UpcomingInvoiceTests(AzuriteFixture azurite)
{
    /// <summary>Graduated (sub-cent tiers, flat fees), package, volume and <c>last</c> prices, and seats; threshold USD 7.00.</summary>
    private static readonly string Catalog = $$$"""
        {
          "meters": [
            {"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}},
            {"id":"storage_gb","event_name":"storage_gb","default_aggregation":{"formula":"max"}},
            {"id":"active_users","event_name":"active_user","default_aggregation":{"formula":"unique_count"}},
            {"id":"temperature","event_name":"temperature","default_aggregation":{"formula":"last"},"value_settings":{"allow_negative":true}}],
          "prices": [
            {"id":"price_graduated","currency":"usd","billing_scheme":"tiered","tiers_mode":"graduated",
             "tiers":[{"up_to":100000,"unit_amount_decimal":"0.0137","flat_amount":99},
                      {"up_to":250000.5,"unit_amount_decimal":"0.00915"},
                      {"up_to":null,"unit_amount_decimal":"0.004333","flat_amount":1}],
             "recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}},
            {"id":"price_package","currency":"usd","unit_amount":100,"transform_quantity":{"divide_by":10,"round":"up"},
             "recurring":{"interval":"month","usage_type":"metered","meter":"storage_gb"}},
            {"id":"price_volume","currency":"usd","billing_scheme":"tiered","tiers_mode":"volume",
             "tiers":[{"up_to":3,"unit_amount":1000,"flat_amount":200},{"up_to":null,"unit_amount_decimal":"812.5"}],
             "recurring":{"interval":"month","usage_type":"metered","meter":"active_users"}},
            {"id":"price_last","currency":"usd","unit_amount_decimal":"12.5",
             "recurring":{"interval":"month","usage_type":"metered","meter":"temperature"}},
            {"id":"price_seats","currency":"usd","unit_amount":2500,"recurring":{"interval":"month","usage_type":"licensed"}}],
          "customers": [{"id":"cus_A"}],
          "subscriptions": [{"id":"sub_cus_A","customer":"cus_A",
             "billing_cycle_anchor":{{{TestCatalogs.Anchor.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}},
             "billing_thresholds":{"amount_gte":700},
             "items":[{"price":"price_graduated"},{"price":"price_package"},{"price":"price_volume"},{"price":"price_last"},
                      {"price":"price_seats","quantity":2}]}]
        }
        """;

    private static readonly DateTimeOffset February = InvoicingHarness.January.End;

    private static readonly DateTimeOffset March = February.AddMonths(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_UsageStopsBeforeTheCloseAfterThresholdInvoices_CycleInvoiceEqualsTheLastPreview()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, Catalog);
        using var client = h.StartWebClient();
        await h.ClosePeriodsAtAsync(InvoicingHarness.Now); // the create invoice: January's seats
        await h.DrainAsync();
        Burst[] bursts =
        [
            new([40_000.3m, 12_345.67m], [25], [1, 2], 21.5m),
            new([3m], [7], [2], -4m),
            new([70_000.01m], [47], [3, 4, 5], 18.25m),
            new([90_000.5m, 0.25m], [], [6], null),
            new([33_333.33m], [12], [], 30m),
            new([150_000m, 7.77m], [88], [1, 7], null),
            new([5_000.5m], [95], [], 19.75m), // below the threshold: left to the cycle invoice
        ];
        foreach (var burst in bursts)
        {
            await PostAsync(h, burst);
            await h.DrainAsync();
            h.Clock.Advance(TimeSpan.FromHours(7));
        }

        var thresholds = (await h.InvoicesAsync("cus_A")).Count(i => i.BillingReason == "subscription_threshold");
        Assert.True(thresholds >= 2, $"{thresholds} threshold invoices; the test needs some between the previews");
        var stripeBefore = (await h.StripeInvoicesAsync("cus_A")).Count;
        var early = await PreviewAsync(client);
        h.Clock.SetUtcNow(InvoicingHarness.January.End - TimeSpan.FromMinutes(1));
        var last = await PreviewAsync(client);

        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();

        Assert.Equal(early.Lines, last.Lines); // no usage since: the preview holds still
        Assert.Equal(
            ["price_graduated", "price_package", "price_volume", "price_last", "price_seats"],
            last.Lines.Select(l => l.Price));
        var issued = (await InvoicesAsync(client)).Single(i => i.BillingReason == "subscription_cycle");
        await AssertIssuedAsPreviewedAsync(h, last, issued);
        Assert.Equal(stripeBefore + 1, (await h.StripeInvoicesAsync("cus_A")).Count); // the cycle invoice; no preview reached Stripe
    }

    [Fact]
    public async Task Preview_ThresholdRunInFlight_CountsItsLinesAsBilledAsTheCloseWill()
    {
        // The threshold run stops at its first Stripe request (the draft), its lines built and not recorded yet.
        var held = new KillingStripeHandler(CrashMoment.BeforeRequest, killAt: 1);
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => StripeClients.Through(
                sp.GetRequiredService<IOptions<StripeOptions>>().Value, held)));
        using var client = h.StartWebClient();
        await h.PostComputeAsync("cus_A", 1_200_000); // USD 120.00: over the threshold
        var durable = await h.DurableClientAsync();
        var threshold = await h.App.Get<InvoiceRunHandler>().HandleAsync(
            new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold"), durable, Ct);
        Assert.NotNull(threshold);
        await held.Reached.WaitAsync(Ct);

        var preview = await PreviewAsync(client);

        held.Release(); // that attempt fails; the run's retry goes on and records the threshold invoice
        await InvoicingHarness.WaitForCompletionAsync(durable, threshold);
        await h.DrainAsync();
        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();

        // The threshold invoice billed all of the compute and the api base fee: the cycle bills February's seats alone.
        Assert.Equal([("price_seats", 7_500L)], preview.Lines.Select(l => (l.Price, l.Amount)));
        var issued = (await InvoicesAsync(client)).Single(i => i.BillingReason == "subscription_cycle");
        await AssertIssuedAsPreviewedAsync(h, preview, issued);
    }

    [Fact]
    public async Task Preview_LateUsageOfAnInvoicedPeriod_OnThePreviewUntilThePreviousCycleInvoiceIsDueToBillIt()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        using var client = h.StartWebClient();
        await h.PostComputeAsync("cus_A", 300_000); // USD 30.00 in January, below the threshold
        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();
        h.Clock.SetUtcNow(February.AddDays(2));
        await h.PostComputeAtAsync(new DateTimeOffset(2026, 1, 25, 0, 0, 0, TimeSpan.Zero), "cus_A", 123_456); // late: January is invoiced
        await h.PostComputeAsync("cus_A", 50_000);
        await h.DrainAsync();
        h.Clock.SetUtcNow(February.AddDays(10));

        var februaryPreview = await PreviewAsync(client);
        // In February's grace window its cycle invoice is not built yet: it comes before March's and bills the late line.
        h.Clock.SetUtcNow(March + TimeSpan.FromMinutes(30));
        var marchPreview = await PreviewAsync(client);

        await h.ClosePeriodsAtAsync(March + TimeSpan.FromHours(1));
        await h.DrainAsync();
        await h.ClosePeriodsAtAsync(March.AddMonths(1) + TimeSpan.FromHours(1));
        await h.DrainAsync();

        var januaryStart = InvoicingHarness.January.Start.ToUnixTimeSeconds();
        // January priced again by the prefix rule: round(423,456 × 0.01) − 3,000 already billed.
        var lateLine = Assert.Single(februaryPreview.Lines, l => l.PeriodStart == januaryStart);
        Assert.Equal(("price_compute", 123_456m, 1_235L), (lateLine.Price, lateLine.Quantity, lateLine.Amount));
        Assert.DoesNotContain(marchPreview.Lines, l => l.PeriodStart < March.ToUnixTimeSeconds());
        var cycles = (await InvoicesAsync(client)).Where(i => i.BillingReason == "subscription_cycle").ToArray();
        Assert.Equal(3, cycles.Length);
        await AssertIssuedAsPreviewedAsync(h, februaryPreview, cycles[1]);
        await AssertIssuedAsPreviewedAsync(h, marchPreview, cycles[2]);
    }

    private static async Task PostAsync(InvoicingHarness h, Burst burst)
    {
        await h.PostComputeAsync("cus_A", burst.Compute);
        if (burst.Storage.Length > 0)
        {
            await h.PostEventsAsync("storage_gb", "cus_A", burst.Storage);
        }

        if (burst.Users.Length > 0)
        {
            await h.PostEventsAsync("active_user", "cus_A", burst.Users);
        }

        if (burst.Temperature is { } temperature)
        {
            await h.PostEventsAsync("temperature", "cus_A", temperature);
        }
    }

    private static async Task<InvoiceView> PreviewAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/invoices/upcoming?subscription=sub_cus_A", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<InvoiceView>(await response.Content.ReadAsStringAsync(Ct), JsonSerializerOptions.Web)!;
    }

    private static async Task<IReadOnlyList<InvoiceView>> InvoicesAsync(HttpClient client) =>
        JsonSerializer.Deserialize<InvoiceView[]>(await client.GetStringAsync("/api/invoices?customer=cus_A", Ct), JsonSerializerOptions.Web)!;

    /// <summary>The issued invoice is the previewed one, every line alike; so is the invoice Stripe holds.</summary>
    private static async Task AssertIssuedAsPreviewedAsync(InvoicingHarness h, InvoiceView preview, InvoiceView issued)
    {
        Assert.Equal(("preview", null), (preview.Status, preview.StripeInvoiceId));
        Assert.Equal("paid", issued.Status);
        Assert.Equal(
            (preview.Id, preview.Customer, preview.Subscription, preview.BillingReason, preview.PeriodStart, preview.PeriodEnd, preview.Currency, preview.Total),
            (issued.Id, issued.Customer, issued.Subscription, issued.BillingReason, issued.PeriodStart, issued.PeriodEnd, issued.Currency, issued.Total));
        Assert.Equal(preview.Lines, issued.Lines);

        var stripe = (await h.StripeInvoicesAsync("cus_A")).Single(i => i.Id == issued.StripeInvoiceId);
        Assert.Equal(
            preview.Lines.Select(l => (l.Price, l.Meter, l.Amount, l.PeriodStart, l.PeriodEnd, "qty " + l.Quantity.ToString(CultureInfo.InvariantCulture))),
            stripe.Lines.Data.OrderBy(l => int.Parse(l.Metadata["line"], CultureInfo.InvariantCulture)).Select(l => (
                l.Metadata["price"],
                l.Metadata.GetValueOrDefault("meter"),
                l.Amount,
                Unix(l.Period.Start),
                Unix(l.Period.End),
                l.Description.Split(" · ").Single(part => part.StartsWith("qty ", StringComparison.Ordinal)))));
    }

    private static long Unix(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>One burst of usage: compute seconds, storage GB (max), user ids (unique count), and the temperature last read.</summary>
    private sealed record Burst(decimal[] Compute, decimal[] Storage, decimal[] Users, decimal? Temperature);
}
