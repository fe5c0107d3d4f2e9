using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Ingestion.Requests;
using Billing.Invoicing;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// docs/contracts.md §5: a period whose usage prices beyond the line bound. The value is accepted
/// (it is within the event bound), yet at USD 100 a unit its price does not even fit a long. The
/// usage API shows the line with an error, and the cycle run issues the rest of the invoice, records
/// an incident and completes, so seats, other customers and later periods are invoiced as usual.
/// </summary>
public sealed class LineBoundTests(AzuriteFixture azurite)
{
    /// <summary>The largest value an event may carry (docs/contracts.md §1).</summary>
    private const string LargestValue = "999999999999999";

    private const int LeftOutEventId = 404;

    private static readonly DateTimeOffset January20 = InvoicingHarness.Now;
    private static readonly DateTimeOffset February10 = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly long January = TestCatalogs.Anchor.ToUnixTimeSeconds();
    private static readonly long February = TestCatalogs.Anchor.AddMonths(1).ToUnixTimeSeconds();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UsageApi_LastValuePricedBeyondTheLineBound_Answers200WithTheLineMarked()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, Catalog());
        await PostAsync(h, Gauge("cus_A", "g-1", January20, LargestValue), Compute("cus_A", "c-1", January20, 700));
        using var client = h.StartWebClient();

        using var response = await client.GetAsync("/api/customers/cus_A/usage", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscription = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions")[0];
        var meters = subscription.GetProperty("meters").EnumerateArray().ToDictionary(m => m.GetProperty("meter").GetString()!);
        var gauge = meters["gauge"];
        Assert.Equal(999_999_999_999_999m, gauge.GetProperty("quantity").GetDecimal());
        Assert.Equal(JsonValueKind.Null, gauge.GetProperty("amount").ValueKind);
        Assert.Equal(JsonValueKind.Null, gauge.GetProperty("unbilled").ValueKind);
        Assert.Equal("amount_out_of_range", gauge.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("(999999999999 minor units)", gauge.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, meters["compute_seconds"].GetProperty("amount").GetInt64());
        Assert.False(meters["compute_seconds"].TryGetProperty("error", out _));
        Assert.Equal((7, 7), (subscription.GetProperty("amount").GetInt64(), subscription.GetProperty("unbilled").GetInt64()));
    }

    [Fact]
    public async Task CycleRun_UsageBeyondTheLineBound_IssuesTheRestRecordsAnIncidentAndLaterRunsProceed()
    {
        var logs = new RecordedLogs();
        await using var h = await InvoicingHarness.CreateAsync(azurite, Catalog(), overrides: s => s.AddSingleton<ILoggerProvider>(logs));
        await PostAsync(
            h,
            Gauge("cus_A", "g-1", January20, LargestValue),
            Compute("cus_A", "c-1", January20, 700),
            Gauge("cus_B", "g-1", January20, "3"),
            Compute("cus_B", "c-1", January20, 500));

        await h.ClosePeriodsAtAsync(TestCatalogs.Anchor.AddMonths(1).AddHours(2));
        var issued = await h.DrainAsync();

        Assert.Equal(
            ["sub_cus_A.1767225600.create", "sub_cus_A.1767225600.cycle", "sub_cus_B.1767225600.create", "sub_cus_B.1767225600.cycle"],
            issued.Order(StringComparer.Ordinal));
        var cycleA = (await h.InvoicesAsync("cus_A")).Single(i => i.Id == $"sub_cus_A.{January}.cycle");
        Assert.Equal("paid", cycleA.Status);
        Assert.Equal([("price_compute", 7L), ("price_seats", 7500L)], cycleA.Lines.Select(l => (l.Price, l.Amount)));
        var cycleB = (await h.InvoicesAsync("cus_B")).Single(i => i.Id == $"sub_cus_B.{January}.cycle");
        Assert.Equal([("price_compute", 5L), ("price_gauge", 30_000L), ("price_seats", 7500L)], cycleB.Lines.Select(l => (l.Price, l.Amount)));

        var reconciliation = await h.App.Get<ReconciliationHandler>().HandleAsync(Ct);
        Assert.Empty(reconciliation.Drift);
        var incident = Assert.Single(reconciliation.Incidents);
        Assert.Equal(($"sub_cus_A.{January}.cycle", "cus_A", "sub_cus_A"), (incident.Invoice, incident.Customer, incident.Subscription));
        var line = Assert.Single(incident.Lines);
        Assert.Equal(("price_gauge", "gauge", January, February, 999_999_999_999_999m, "amount_out_of_range"), (line.Price, line.Meter, line.PeriodStart, line.PeriodEnd, line.Quantity, line.Reason));
        Assert.Contains("price price_gauge: a quantity of 999999999999999 prices to", line.Message, StringComparison.Ordinal);
        var error = Assert.Single(logs.WithEventId(LeftOutEventId));
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains($"Invoice sub_cus_A.{January}.cycle leaves out price_gauge", error.Message, StringComparison.Ordinal);

        // The next period of the same subscription is invoiced as usual.
        h.Clock.SetUtcNow(February10);
        await PostAsync(h, Gauge("cus_A", "g-2", February10, "5"));
        await h.ClosePeriodsAtAsync(TestCatalogs.Anchor.AddMonths(2).AddHours(2));
        Assert.Contains($"sub_cus_A.{February}.cycle", await h.DrainAsync());
        var februaryA = (await h.InvoicesAsync("cus_A")).Single(i => i.Id == $"sub_cus_A.{February}.cycle");
        Assert.Equal([("price_gauge", 50_000L), ("price_seats", 7500L)], februaryA.Lines.Select(l => (l.Price, l.Amount)));
        Assert.Single((await h.App.Get<ReconciliationHandler>().HandleAsync(Ct)).Incidents);
    }

    [Fact]
    public async Task CycleRun_OnlyLineBeyondTheLineBound_IssuesNothingRecordsTheIncidentAndARepeatChangesNothing()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, Catalog(seats: 0));
        await PostAsync(h, Gauge("cus_A", "g-1", January20, LargestValue));
        await h.ClosePeriodsAtAsync(TestCatalogs.Anchor.AddMonths(1).AddHours(2));

        Assert.DoesNotContain($"sub_cus_A.{January}.cycle", await h.DrainAsync());
        var request = new InvoiceRunRequest("sub_cus_A", January, "subscription_cycle");
        Assert.Null(await h.RunRequestAsync(request)); // a repeated delivery

        Assert.DoesNotContain(await h.InvoicesAsync("cus_A"), i => i.Id == $"sub_cus_A.{January}.cycle");
        var incident = Assert.Single((await h.App.Get<ReconciliationHandler>().HandleAsync(Ct)).Incidents);
        Assert.Equal($"sub_cus_A.{January}.cycle", incident.Invoice);
        Assert.Equal("price_gauge", Assert.Single(incident.Lines).Price);
    }

    /// <summary>
    /// Two customers, each with compute (sum, 0.01 ¢ a second), a gauge (last, USD 100 a unit) and
    /// <paramref name="seats"/> seats at USD 25, monthly from <see cref="TestCatalogs.Anchor"/>.
    /// </summary>
    private static string Catalog(int seats = 3)
    {
        var anchor = TestCatalogs.Anchor.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var seatItem = seats > 0 ? $$""",{"price":"price_seats","quantity":{{seats}}}""" : string.Empty;
        var subscriptions = string.Join(",", new[] { "cus_A", "cus_B" }.Select(c => $$$"""
            {"id":"sub_{{{c}}}","customer":"{{{c}}}","billing_cycle_anchor":{{{anchor}}},
             "items":[{"price":"price_compute"},{"price":"price_gauge"}{{{seatItem}}}]}
            """));
        return $$$"""
            {
              "meters": [
                {"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}},
                {"id":"gauge","event_name":"gauge","default_aggregation":{"formula":"last"}}
              ],
              "prices": [
                {"id":"price_compute","currency":"usd","unit_amount_decimal":"0.01","recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}},
                {"id":"price_gauge","currency":"usd","unit_amount":10000,"recurring":{"interval":"month","usage_type":"metered","meter":"gauge"}},
                {"id":"price_seats","currency":"usd","unit_amount":2500,"recurring":{"interval":"month","usage_type":"licensed"}}
              ],
              "customers": [{"id":"cus_A"},{"id":"cus_B"}],
              "subscriptions": [{{{subscriptions}}}]
            }
            """;
    }

    private static string Gauge(string customer, string identifier, DateTimeOffset at, string value) =>
        UsageEvents.Line("gauge", identifier, at, $$"""{"stripe_customer_id":"{{customer}}","value":"{{value}}"}""");

    private static string Compute(string customer, string identifier, DateTimeOffset at, decimal seconds) =>
        UsageEvents.Compute(customer, identifier, at, seconds);

    private static async Task PostAsync(InvoicingHarness h, params string[] events)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', events));
        var response = await h.App.Get<MeterEventsHandler>().HandleBodyAsync(body, Ct);
        Assert.Equal(events.Length, response.Accepted);
    }
}
