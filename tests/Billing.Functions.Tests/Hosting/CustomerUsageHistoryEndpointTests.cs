using System.Net;
using System.Text.Json;
using Billing.Functions.Tests.Invoicing;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// <c>GET /api/customers/{id}/usage</c> over HTTP on Azurite with <c>?period_start=</c> (history),
/// <c>?daily=true</c> (the daily series) and the current period's forecast, and their bad input in
/// the error shape.
/// </summary>
public sealed class CustomerUsageHistoryEndpointTests(AzuriteFixture azurite)
{
    private const long January = 1767225600;
    private const long February = 1769904000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("?period_start=abc", "period_start must be the start of a billing period in Unix seconds")]
    [InlineData("?period_start=", "period_start must be the start of a billing period in Unix seconds")]
    [InlineData("?period_start=-5", "period_start must be the start of a billing period in Unix seconds")]
    [InlineData("?period_start=1767225600.0", "period_start must be the start of a billing period in Unix seconds")]
    [InlineData("?period_start=99999999999999999999", "period_start must be the start of a billing period in Unix seconds")]
    [InlineData("?period_start=1767225600&period_start=1767225600", "period_start is given 2 times")]
    [InlineData("?daily=yes", "daily must be true or false, not 'yes'")]
    [InlineData("?daily=true&daily=false", "daily is given 2 times")]
    public async Task GetCustomerUsage_MalformedQuery_Returns400InvalidRequestNamingTheParameter(string query, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync($"/api/customers/cus_A/usage{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(January + 1)] // not a period boundary
    [InlineData(February)] // a boundary, but the period has not begun (the clock is at January 20)
    [InlineData(1764547200)] // 2025-12-01: before the subscription's anchor
    [InlineData(0)]
    public async Task GetCustomerUsage_PeriodStartOfNoBegunPeriod_Returns404PeriodNotFoundNamingTheStarts(long periodStart)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync($"/api/customers/cus_A/usage?period_start={periodStart}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("period_not_found", error.GetProperty("code").GetString());
        Assert.Equal(
            $"period_start {periodStart} is not the start of a period of customer 'cus_A' that has begun; periods start at (Unix seconds) sub_cus_A: {January}.",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetCustomerUsage_UnknownCustomerWithPeriodStart_Returns404CustomerNotFound()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync($"/api/customers/cus_nobody/usage?period_start={January}&daily=true", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("customer_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetCustomerUsage_EndedInvoicedPeriod_ShowsWhatWasBilledAndItsDays()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.ClosePeriodsAtAsync(InvoicingHarness.Now);
        await h.PostComputeAsync("cus_B", 1_000_000); // January 20: USD 100.00 and the api base fee: a threshold invoice
        await h.DrainAsync();
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.PostComputeAsync("cus_B", 123_457); // January 21, billed by the cycle invoice
        await h.DrainAsync();
        await h.ClosePeriodsAtAsync(InvoicingHarness.January.End + TimeSpan.FromHours(1));
        await h.DrainAsync();
        using var client = h.StartWebClient();

        using var response = await client.GetAsync($"/api/customers/cus_B/usage?period_start={January}&daily=true", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscription = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal((January, February), (subscription.GetProperty("period_start").GetInt64(), subscription.GetProperty("period_end").GetInt64()));

        // Compute 1,123,457 s at 0.01 ¢ = 11,235 ¢ and the api base fee, all billed by the threshold and cycle invoices.
        Assert.Equal((11_735L, 11_735L, 0L), (subscription.GetProperty("amount").GetInt64(), subscription.GetProperty("billed").GetInt64(), subscription.GetProperty("unbilled").GetInt64()));
        var invoices = await h.InvoicesAsync("cus_B");
        Assert.Equal(11_735, invoices.Where(i => i.PeriodStart == January && i.BillingReason != "subscription_create").Sum(i => i.Lines.Where(l => l.Meter is not null).Sum(l => l.Amount)));
        Assert.Equal(JsonValueKind.Number, subscription.GetProperty("invoiced_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("threshold").ValueKind);
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("forecast").ValueKind);
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("ended_period").ValueKind);

        var compute = Meter(subscription, "compute_seconds");
        Assert.Equal((11_235L, 11_235L), (compute.GetProperty("amount").GetInt64(), compute.GetProperty("billed").GetInt64()));
        var days = compute.GetProperty("daily").EnumerateArray().ToArray();
        Assert.Equal(31, days.Length);
        Assert.Equal(("2026-01-01", "2026-01-31"), (days[0].GetProperty("date").GetString(), days[^1].GetProperty("date").GetString()));
        Assert.Equal(
            [("2026-01-20", 1L, 1_000_000m, 10_000L), ("2026-01-21", 1L, 123_457m, 1_235L)],
            days.Where(d => d.GetProperty("events").GetInt64() > 0).Select(d => (
                d.GetProperty("date").GetString(), d.GetProperty("events").GetInt64(), d.GetProperty("quantity").GetDecimal(), d.GetProperty("amount").GetInt64())));
        var api = Meter(subscription, "api_calls").GetProperty("daily").EnumerateArray().ToArray();
        Assert.Equal(500, api[0].GetProperty("amount").GetInt64()); // the base fee, on the period's first day
    }

    [Fact]
    public async Task GetCustomerUsage_DailyOnEveryMeter_DaysSumToThePeriodsQuantityAndAmount()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var (posted, _) = await MeterEventsApi.PostAsync(client, UsageOverSeveralDays());
        Assert.Equal(HttpStatusCode.OK, posted);

        using var response = await client.GetAsync("/api/customers/cus_A/usage?daily=true", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscription = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions").EnumerateArray());
        foreach (var meter in subscription.GetProperty("meters").EnumerateArray())
        {
            var name = meter.GetProperty("meter").GetString();
            var days = meter.GetProperty("daily").EnumerateArray().ToArray();
            Assert.Equal(20, days.Length); // January 1 through today, the 20th
            Assert.Equal(meter.GetProperty("amount").GetInt64(), days.Sum(d => d.GetProperty("amount").GetInt64()));
            Assert.Equal(meter.GetProperty("events").GetInt64(), days.Sum(d => d.GetProperty("events").GetInt64()));
            if (name is "compute_seconds" or "api_calls" or "active_users" or "adjustments")
            {
                Assert.Equal(meter.GetProperty("quantity").GetDecimal(), days.Sum(d => d.GetProperty("quantity").GetDecimal()));
            }
        }

        // max and last: a day without events has no quantity; the period's is the largest / the latest day's.
        var storage = Meter(subscription, "storage_gb").GetProperty("daily").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, storage[0].GetProperty("quantity").ValueKind);
        Assert.Equal([25m, 7m], storage.Where(d => d.GetProperty("events").GetInt64() > 0).Select(d => d.GetProperty("quantity").GetDecimal()));
        var users = Meter(subscription, "active_users").GetProperty("daily").EnumerateArray().Where(d => d.GetProperty("events").GetInt64() > 0);
        Assert.Equal([2m, 1m], users.Select(d => d.GetProperty("quantity").GetDecimal())); // u1, u2; then u3 (u1 again counts on its first day)
    }

    [Fact]
    public async Task GetCustomerUsage_WithoutDaily_MetersCarryNoSeries()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", "n-1", new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "10")]);

        using var response = await client.GetAsync("/api/customers/cus_A/usage", Ct);

        var subscription = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions")[0];
        Assert.All(subscription.GetProperty("meters").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("daily").ValueKind));
    }

    [Fact]
    public async Task GetCustomerUsage_CurrentPeriod_ForecastsAtTheLastSevenDaysRate()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        // January 5: 50,000 s (500 ¢), before the window; January 13–19: 100,000 s (1,000 ¢) a day.
        var events = new List<TestEvent> { TestEvent.Compute("cus_A", "f-5", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), "50000") };
        events.AddRange(Enumerable.Range(13, 7).Select(d => TestEvent.Compute("cus_A", $"f-{d}", new DateTimeOffset(2026, 1, d, 15, 0, 0, TimeSpan.Zero), "100000")));
        Assert.Equal(HttpStatusCode.OK, (await MeterEventsApi.PostAsync(client, events)).Status);

        using var response = await client.GetAsync($"/api/customers/cus_A/usage?period_start={January}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscription = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions")[0];
        Assert.Equal(8_000, subscription.GetProperty("amount").GetInt64()); // compute 7,500 and the api base fee
        Assert.Equal(8_000, subscription.GetProperty("threshold").GetProperty("unbilled_eligible").GetInt64());
        var forecast = subscription.GetProperty("forecast");

        // Window: January 13 00:00 to now (January 20 00:00), 7 days; from 1,000 ¢ (compute of the 5th, the base fee) to 8,000 ¢.
        Assert.Equal(1_000m, forecast.GetProperty("rate_per_day").GetDecimal());
        var window = forecast.GetProperty("window");
        Assert.Equal((1768262400L, AppHarness.Now.ToUnixTimeSeconds(), 7m), (window.GetProperty("start").GetInt64(), window.GetProperty("end").GetInt64(), window.GetProperty("days").GetDecimal()));
        Assert.Equal(20_000, forecast.GetProperty("projected_amount").GetInt64()); // 8,000 + 12 days × 1,000
        Assert.Equal(1769040000, forecast.GetProperty("threshold_at").GetInt64()); // 2,000 ¢ to go: January 22 00:00
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("spend_cap_at").ValueKind);
    }

    [Fact]
    public async Task GetCustomerUsage_CurrentPeriodWithoutUsage_ForecastHasRateZeroAndNoThresholdTime()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync("/api/customers/cus_C/usage", Ct);

        var forecast = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("subscriptions")[0].GetProperty("forecast");
        Assert.Equal(0m, forecast.GetProperty("rate_per_day").GetDecimal());
        Assert.Equal(500, forecast.GetProperty("projected_amount").GetInt64()); // the api base fee alone
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("threshold_at").ValueKind);
    }

    private static JsonElement Meter(JsonElement subscription, string meter) =>
        subscription.GetProperty("meters").EnumerateArray().Single(m => m.GetProperty("meter").GetString() == meter);

    private static IEnumerable<TestEvent> UsageOverSeveralDays()
    {
        var jan5 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var jan9 = jan5.AddDays(4);
        yield return TestEvent.Compute("cus_A", "d-c1", jan5, "100");
        yield return TestEvent.Compute("cus_A", "d-c2", jan9.AddHours(23), "150.5");
        for (var i = 0; i < 1001; i++)
        {
            yield return TestEvent.ApiCall("cus_A", $"d-a{i}", (i % 2 == 0 ? jan5 : jan9).AddSeconds(i)); // crosses the free tier on the 9th
        }

        yield return new("storage_gb", jan5, "d-s1", ("stripe_customer_id", "cus_A"), ("value", "25"));
        yield return new("storage_gb", jan9, "d-s2", ("stripe_customer_id", "cus_A"), ("value", "7"));
        foreach (var (user, i) in new[] { "u1", "u2", "u1", "u3" }.Select((u, i) => (u, i)))
        {
            yield return new("active_user", i < 2 ? jan5 : jan9, $"d-u{i}", ("stripe_customer_id", "cus_A"), ("user_id", user));
        }

        yield return new("temperature", jan5.AddHours(2), "d-t1", ("stripe_customer_id", "cus_A"), ("value", "-5"));
        yield return new("temperature", jan9.AddHours(1), "d-t2", ("stripe_customer_id", "cus_A"), ("value", "12"));
        yield return new("adjustment", jan5, "d-j1", ("customer", "cus_A"), ("amount", "-20"));
        yield return new("adjustment", jan9, "d-j2", ("customer", "cus_A"), ("amount", "5"));
    }
}
