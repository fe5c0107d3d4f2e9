using System.Net;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

public sealed class CustomerUsageEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCustomerUsage_AfterUsageOnEveryMeter_ReturnsPricedMetersAndThresholdProgress()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var (posted, _) = await MeterEventsApi.PostAsync(client, string.Join("\n", UsageOfEveryMeter().Select(e => e.ToJson())));
        Assert.Equal(HttpStatusCode.OK, posted);

        using var response = await client.GetAsync("/api/customers/cus_A/usage", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("cus_A", body.GetProperty("customer").GetString());
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), body.GetProperty("as_of").GetInt64());
        var subscription = Assert.Single(body.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("sub_cus_A", subscription.GetProperty("subscription").GetString());
        Assert.Equal("usd", subscription.GetProperty("currency").GetString());
        Assert.Equal(1767225600, subscription.GetProperty("period_start").GetInt64());
        Assert.Equal(1769904000, subscription.GetProperty("period_end").GetInt64());

        // (meter, price, events, quantity, amount in cents, threshold eligible), priced by the catalog:
        // compute 250 s at 0.01 ¢/s = 2.5 ¢, rounded once, half away from zero, to 3 ¢;
        // api 1,001 calls: the first 1,000 free plus a 500 ¢ flat fee, then 0.5 ¢ each = 500.5 → 501 ¢;
        // storage max 25 GB, in packages of 10 rounded up = 3 × 100 ¢; users 3 distinct (volume) × 1,000 ¢;
        // temperature last -5 × 1 ¢; adjustments -20 + 5 = -15 × 1 ¢.
        (string, string, long, decimal, long, bool)[] expected =
        [
            ("compute_seconds", "price_compute", 2, 250m, 3, true),
            ("api_calls", "price_api", 1001, 1001m, 501, true),
            ("storage_gb", "price_storage", 2, 25m, 300, true),
            ("active_users", "price_users", 4, 3m, 3000, false),
            ("temperature", "price_temperature", 2, -5m, -5, false),
            ("adjustments", "price_adjustments", 2, -15m, -15, false),
        ];
        var meters = subscription.GetProperty("meters").EnumerateArray().ToArray();
        Assert.Equal(
            expected,
            meters.Select(m => (
                m.GetProperty("meter").GetString()!,
                m.GetProperty("price").GetString()!,
                m.GetProperty("events").GetInt64(),
                m.GetProperty("quantity").GetDecimal(),
                m.GetProperty("amount").GetInt64(),
                m.GetProperty("threshold_eligible").GetBoolean())));
        Assert.All(meters, m => Assert.Equal(0, m.GetProperty("billed").GetInt64()));
        Assert.All(meters, m => Assert.Equal(m.GetProperty("amount").GetInt64(), m.GetProperty("unbilled").GetInt64()));
        Assert.Equal(3784, subscription.GetProperty("amount").GetInt64());
        Assert.Equal(0, subscription.GetProperty("billed").GetInt64());
        Assert.Equal(3784, subscription.GetProperty("unbilled").GetInt64());

        // Only the eligible lines count towards the threshold: 3 + 501 + 300 = 804 of 10,000 ¢.
        var threshold = subscription.GetProperty("threshold");
        Assert.Equal(10_000, threshold.GetProperty("amount_gte").GetInt64());
        Assert.Equal(804, threshold.GetProperty("unbilled_eligible").GetInt64());
        Assert.Equal(0.0804m, threshold.GetProperty("progress").GetDecimal());
        Assert.Equal(0, subscription.GetProperty("late_events").GetInt64());
    }

    [Fact]
    public async Task GetCustomerUsage_UnknownCustomer_Returns404()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync("/api/customers/cus_nobody/usage", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("customer_not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetCustomerUsage_AfterFileAndApiRepeats_CountsEachEventOnce()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await MeterEventsApi.PostAsync(client, TestEvent.ComputeSeries(1, 5));
        var report = await harness.IngestAsync("repeat.jsonl", TestFiles.Jsonl(TestEvent.ComputeSeries(3, 6)));

        using var response = await client.GetAsync("/api/customers/cus_A/usage", Ct);

        Assert.Equal((3, 3), (report.Accepted, report.Duplicates));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var compute = body.GetProperty("subscriptions")[0].GetProperty("meters").EnumerateArray()
            .Single(m => m.GetProperty("meter").GetString() == "compute_seconds");
        Assert.Equal(8, compute.GetProperty("events").GetInt64());
        Assert.Equal(36m, compute.GetProperty("quantity").GetDecimal());
    }

    private static IEnumerable<TestEvent> UsageOfEveryMeter()
    {
        yield return TestEvent.Compute("cus_A", "u-c1", Jan5, "100");
        yield return TestEvent.Compute("cus_A", "u-c2", Jan5, "150");
        for (var i = 0; i < 1001; i++)
        {
            yield return TestEvent.ApiCall("cus_A", $"u-a{i}", Jan5.AddSeconds(i));
        }

        yield return new("storage_gb", Jan5, "u-s1", ("stripe_customer_id", "cus_A"), ("value", "25"));
        yield return new("storage_gb", Jan5.AddHours(1), "u-s2", ("stripe_customer_id", "cus_A"), ("value", "7"));
        foreach (var (user, i) in new[] { "u1", "u2", "u3", "u1" }.Select((u, i) => (u, i)))
        {
            yield return new("active_user", Jan5, $"u-u{i}", ("stripe_customer_id", "cus_A"), ("user_id", user));
        }

        yield return new("temperature", Jan5.AddHours(2), "u-t1", ("stripe_customer_id", "cus_A"), ("value", "-5"));
        yield return new("temperature", Jan5.AddHours(1), "u-t2", ("stripe_customer_id", "cus_A"), ("value", "12"));
        yield return new("adjustment", Jan5, "u-j1", ("customer", "cus_A"), ("amount", "-20"));
        yield return new("adjustment", Jan5, "u-j2", ("customer", "cus_A"), ("amount", "5"));
    }
}
