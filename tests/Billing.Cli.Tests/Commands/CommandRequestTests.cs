using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary>What each command sends, and how it shows the answer.</summary>
public sealed class CommandRequestTests
{
    private const string Usage = """
        {"customer": "cus_A", "as_of": 1768867200,
         "subscriptions": [{
           "subscription": "sub_A", "currency": "usd", "period_start": 1767225600, "period_end": 1769904000,
           "meters": [
             {"meter": "compute_seconds", "price": "price_compute", "events": 1200, "quantity": 45000.5, "amount": 2250, "billed": 1000, "unbilled": 1250, "threshold_eligible": true},
             {"meter": "active_users", "price": "price_users", "events": 7, "quantity": 5, "amount": 5000, "billed": 0, "unbilled": 5000, "threshold_eligible": false}],
           "amount": 7250, "billed": 1000, "unbilled": 6250,
           "threshold": {"amount_gte": 10000, "unbilled_eligible": 1250, "progress": 0.125},
           "late_events": 3}]}
        """;

    [Fact]
    public async Task Usage_Answer_IsATableWithMoneyAndThresholdProgress()
    {
        await using var server = await CannedServer.StartAsync(200, Usage);

        var result = await CliRun.RunAsync("usage", "cus_A", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/api/customers/cus_A/usage", "k1"), (request.Method, request.PathAndQuery, request.Key));
        Assert.Contains("cus_A: usage as of 2026-01-20 00:00:00Z", result.Out, StringComparison.Ordinal);
        Assert.Contains("sub_A (usd), period 2026-01-01 to 2026-02-01", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"compute_seconds\s+price_compute\s+1,200\s+45,000.5\s+USD 22.50\s+USD 10.00\s+USD 12.50\s+counts", result.Out);
        Assert.Matches(@"active_users\s+price_users\s+7\s+5\s+USD 50.00\s+USD 0.00\s+USD 50.00\s+cycle only", result.Out);
        Assert.Matches(@"total\s+USD 72.50\s+USD 10.00\s+USD 62.50", result.Out);
        Assert.Contains("threshold: USD 12.50 of USD 100.00 unbilled eligible usage [##------------------] 12.5%", result.Out, StringComparison.Ordinal);
        Assert.Contains("late events (billed on the next cycle invoice): 3", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_MeterPricedBeyondTheLineBound_ShownOutOfRangeWithTheReason()
    {
        const string body = """
            {"customer": "cus_A", "as_of": 1768867200,
             "subscriptions": [{
               "subscription": "sub_A", "currency": "usd", "period_start": 1767225600, "period_end": 1769904000,
               "meters": [
                 {"meter": "compute_seconds", "price": "price_compute", "events": 1, "quantity": 10, "amount": 100, "billed": 0, "unbilled": 100, "threshold_eligible": true},
                 {"meter": "gauge", "price": "price_gauge", "events": 1, "quantity": 999999999999999, "amount": null, "billed": 0, "unbilled": null, "threshold_eligible": false,
                  "error": {"code": "amount_out_of_range", "message": "price price_gauge: a quantity of 999999999999999 prices to …"}}],
               "amount": 100, "billed": 0, "unbilled": 100,
               "threshold": {"amount_gte": 10000, "unbilled_eligible": 100, "progress": 0.01},
               "late_events": 0}]}
            """;
        await using var server = await CannedServer.StartAsync(200, body);

        var result = await CliRun.RunAsync("usage", "cus_A", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"gauge\s+price_gauge\s+1\s+999,999,999,999,999\s+out of range\s+USD 0.00\s+out of range\s+cycle only", result.Out);
        Assert.Matches(@"total\s+USD 1.00\s+USD 0.00\s+USD 1.00", result.Out);
        Assert.Contains("gauge: out of range, left out of the totals and of every invoice (amount_out_of_range): price price_gauge: a quantity of 999999999999999", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_NoKeyOption_SendsTheKeyOfTheVariable()
    {
        await using var server = await CannedServer.StartAsync(200, Usage);

        var result = await CliRun.RunAsync(new Dictionary<string, string> { ["BILLING_KEY"] = "k-env", ["BILLING_URL"] = server.Url.ToString() }, null, "usage", "cus A");

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("/api/customers/cus%20A/usage", "k-env"), (request.PathAndQuery, request.Key));
    }

    [Fact]
    public async Task Usage_PeriodStartAndDaily_SendsBothAndShowsTheDaysAndTheInvoicedPeriod()
    {
        const string body = """
            {"customer": "cus_A", "as_of": 1770076800,
             "subscriptions": [{
               "subscription": "sub_A", "currency": "usd", "period_start": 1767225600, "period_end": 1769904000,
               "meters": [
                 {"meter": "compute_seconds", "price": "price_compute", "events": 2, "quantity": 1123457, "amount": 11235, "billed": 11235, "unbilled": 0, "threshold_eligible": true,
                  "daily": [{"date": "2026-01-20", "events": 1, "quantity": 1000000, "amount": 10000}, {"date": "2026-01-21", "events": 1, "quantity": 123457, "amount": 1235}]},
                 {"meter": "temperature", "price": "price_temperature", "events": 1, "quantity": 3, "amount": 3, "billed": 3, "unbilled": 0, "threshold_eligible": false, "daily": null}],
               "amount": 11238, "billed": 11238, "unbilled": 0, "threshold": null, "late_events": 0, "ended_period": null,
               "invoiced_at": 1769907600, "forecast": null}]}
            """;
        await using var server = await CannedServer.StartAsync(200, body);

        var result = await CliRun.RunAsync("usage", "cus_A", "--period-start", "2026-01-01T00:00:00Z", "--daily", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/api/customers/cus_A/usage?period_start=1767225600&daily=true", Assert.Single(server.Requests).PathAndQuery);
        Assert.DoesNotContain("threshold:", result.Out, StringComparison.Ordinal);
        Assert.Contains("cycle invoice issued 2026-02-01 01:00:00Z", result.Out, StringComparison.Ordinal);
        Assert.Contains("temperature: no daily series (usage committed before the app kept days)", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"2026-01-20\s+USD 100.00\s+USD 100.00", result.Out);
        Assert.Matches(@"2026-01-21\s+USD 12.35\s+USD 12.35", result.Out);
    }

    [Fact]
    public async Task Usage_Forecast_ShowsTheRateProjectionAndThresholdTime()
    {
        var body = Usage.Replace(
            "\"late_events\": 3}",
            "\"late_events\": 3, \"forecast\": {\"rate_per_day\": 1000, \"window\": {\"start\": 1768262400, \"end\": 1768867200, \"days\": 7}, \"projected_amount\": 19250, \"threshold_at\": 1769040000, \"spend_cap_at\": null}}",
            StringComparison.Ordinal);
        await using var server = await CannedServer.StartAsync(200, body);

        var result = await CliRun.RunAsync("usage", "cus_A", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(
            "forecast: USD 10.00 a day (the last 7 days), USD 192.50 at the period's end; threshold reached at 2026-01-22 00:00:00Z",
            result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_PeriodStartNotATime_Exit2WithoutARequest()
    {
        await using var server = await CannedServer.StartAsync(200, Usage);

        var result = await CliRun.RunAsync("usage", "cus_A", "--period-start", "january", "--url", server.Url.ToString(), "--key", "k1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--period-start 'january' is not a time", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Invoices_Answer_IsATable()
    {
        await using var server = await CannedServer.StartAsync(200, """
            [{"id": "in_1", "customer": "cus_J", "subscription": "sub_J", "billing_reason": "subscription_threshold",
              "period_start": 1767225600, "period_end": 1769904000, "currency": "jpy",
              "lines": [{"price": "price_x", "meter": "m", "quantity": 12.5, "amount": 1235, "period_start": 1767225600, "period_end": 1769904000}],
              "total": 1235, "status": "paid", "stripe_invoice_id": null}]
            """);

        var result = await CliRun.RunAsync("invoices", "--customer", "cus_J", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/api/invoices?customer=cus_J", Assert.Single(server.Requests).PathAndQuery);
        Assert.Matches(@"in_1\s+cus_J\s+sub_J\s+subscription_threshold\s+2026-01-01 to 2026-02-01\s+1\s+JPY 1,235\s+paid\s+-", result.Out);
    }

    [Fact]
    public async Task Invoices_NoneYet_SaysSo()
    {
        await using var server = await CannedServer.StartAsync(200, "[]");

        var result = await CliRun.RunAsync("invoices", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/api/invoices", Assert.Single(server.Requests).PathAndQuery);
        Assert.Contains("no invoices yet", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClockAdvance_Relative_PostsTheFrozenTimeFromTheTestClock()
    {
        // One canned answer for both requests: the test clock stands at 2026-01-21, a day after this machine's clock.
        await using var server = await CannedServer.StartAsync(200, """{"now": 1768953600, "frozen_time": 1768953600}""");

        var result = await CliRun.RunAsync("clock", "advance", "+1d", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [("GET", "/api/test_helpers/clock"), ("POST", "/api/test_helpers/clock/advance")],
            server.Requests.Select(r => (r.Method, r.PathAndQuery)));
        Assert.Equal("""{"frozen_time":1769040000}""", server.Requests.Last().Body);
        Assert.Contains("test clock now at 2026-01-21 00:00:00Z (1768953600)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhooksReplay_Since_PostsItInUnixSeconds()
    {
        await using var server = await CannedServer.StartAsync(200, """{"replayed": 3}""");

        var result = await CliRun.RunAsync("webhooks", "replay", "--since", "2026-01-01T00:00:00Z", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/test_helpers/webhooks/replay", """{"since":1767225600}"""), (request.Method, request.PathAndQuery, request.Body));
        Assert.Contains("replayed 3 webhook events", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhooksReplay_NoSince_PostsAnEmptyRequest()
    {
        await using var server = await CannedServer.StartAsync(200, """{"replayed": 1}""");

        var result = await CliRun.RunAsync("webhooks", "replay", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{}", Assert.Single(server.Requests).Body);
        Assert.Contains("replayed 1 webhook event", result.Out, StringComparison.Ordinal);
    }
}
