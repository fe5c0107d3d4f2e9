using Billing.Testing;

namespace Billing.Functions.Tests.Alerts;

/// <summary>
/// Alert rules fire at most once per billing period, when a usage commit takes their value to or
/// over <c>gte</c>, and again in the next period; late usage into an ended period fires nothing
/// (docs/contracts.md §10). Usage from files and the API, checks by CheckThreshold, events delivered
/// to a registered endpoint.
/// </summary>
public sealed class AlertFiringTests(AzuriteFixture azurite)
{
    /// <summary>
    /// The standard catalog's January. Its spend: price_compute is 0.01 minor units a second (100 s
    /// is one cent), and price_api's first tier has a flat 500 (a base fee, charged at zero calls),
    /// so a period's amount starts at 500, as the usage API shows it.
    /// </summary>
    private static readonly DateTimeOffset January = AppHarness.January.Start;

    private static readonly DateTimeOffset February = January.AddMonths(1);

    /// <summary>
    /// Four writers (two over HTTP, two with files), ten batches each of 5 × 250 s, while two app
    /// instances run the checks: a usage rule (20,000 s) and a spend rule (800 minor units: 500 of base fee, then 30,000 s) cross in
    /// the middle. Each fires once for January, its event delivered once and signed; in February
    /// the same writers fire each once more, for February.
    /// </summary>
    [Fact]
    public async Task Alert_FourConcurrentWritersFromFilesAndTheApi_FiresOncePerPeriodAndAgainInTheNext()
    {
        await using var h = await AlertHarness.CreateAsync(azurite);
        var usage = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "usage", meter = "compute_seconds", gte = 20_000 });
        var spend = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "spend", gte = 800 });
        var second = await h.Outbound.Harness.StartInstanceAsync();

        await WriteConcurrentlyAsync(h, second);
        var january = await h.AlertEventsAsync();
        var receivedInJanuary = await h.DeliverAndReceiveAsync();

        Assert.Equal(2, january.Count);
        Assert.Equal(
            new[] { spend, usage }.Order(StringComparer.Ordinal),
            january.Select(e => e.GetProperty("data").GetProperty("alert").GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(january, e => Assert.Equal(January.ToUnixTimeSeconds(), e.GetProperty("data").GetProperty("period_start").GetInt64()));
        Assert.All(january, e => Assert.True(e.GetProperty("data").GetProperty("value").GetDecimal() >= e.GetProperty("data").GetProperty("gte").GetDecimal()));
        Assert.Equal(january.Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal), receivedInJanuary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(January.ToUnixTimeSeconds(), (await h.AlertAsync(usage)).GetProperty("last_triggered").GetProperty("period_start").GetInt64());

        h.Clock.SetUtcNow(February.AddHours(2));
        await WriteConcurrentlyAsync(h, second);
        var all = await h.AlertEventsAsync();
        var received = await h.DeliverAndReceiveAsync();

        Assert.Equal(4, all.Count);
        var inFebruary = all.Where(e => e.GetProperty("data").GetProperty("period_start").GetInt64() == February.ToUnixTimeSeconds()).ToList();
        Assert.Equal(
            new[] { spend, usage }.Order(StringComparer.Ordinal),
            inFebruary.Select(e => e.GetProperty("data").GetProperty("alert").GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(4, received.Count);
        var spendEvent = (await h.AlertAsync(spend)).GetProperty("last_triggered");
        Assert.Equal(February.ToUnixTimeSeconds(), spendEvent.GetProperty("period_start").GetInt64());
        Assert.Contains(spendEvent.GetProperty("event").GetString()!, received.Keys);
    }

    /// <summary>
    /// At 00:30 on February 1 (in January's grace hour) January's usage takes its amount to 1,010,
    /// past the spend rule's 1,000: nothing fires, not for January (ended) nor for February (its own
    /// amount is 510). Then February's own usage reaches it: it fires once, with February's amount.
    /// </summary>
    [Fact]
    public async Task Alert_LateUsageIntoTheEndedPeriod_DoesNotFireTheCurrentPeriodsRule()
    {
        await using var h = await AlertHarness.CreateAsync(azurite);
        var spend = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "spend", gte = 1000 });
        await h.PostComputeAsync([10_000m]);
        await h.RunChecksAsync();

        h.Clock.SetUtcNow(February.AddMinutes(30));
        await h.PostComputeAsync([20_000m, 1_000m], at: February.AddMinutes(-10));
        await h.IngestComputeFileAsync([20_000m], at: February.AddMinutes(-5));
        await h.PostComputeAsync([1_000m]);
        await h.RunChecksAsync();
        var afterLate = await h.AlertEventsAsync();

        await h.IngestComputeFileAsync([49_000m]);
        await h.RunChecksAsync();
        var fired = Assert.Single(await h.AlertEventsAsync());

        Assert.Empty(afterLate);
        var data = fired.GetProperty("data");
        Assert.Equal(spend, data.GetProperty("alert").GetProperty("id").GetString());
        Assert.Equal(February.ToUnixTimeSeconds(), data.GetProperty("period_start").GetInt64());
        Assert.Equal(1000m, data.GetProperty("value").GetDecimal());
        Assert.Equal(1000m, data.GetProperty("gte").GetDecimal());
    }

    /// <summary>A check sent in January's last minute and handled after it ended fires nothing: January is left to its cycle invoice.</summary>
    [Fact]
    public async Task Alert_CheckHandledAfterItsPeriodEnded_FiresNothing()
    {
        await using var h = await AlertHarness.CreateAsync(azurite);
        await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "usage", meter = "compute_seconds", gte = 100 });
        h.Clock.SetUtcNow(February.AddMinutes(-1));
        await h.PostComputeAsync([500m]);

        h.Clock.SetUtcNow(February.AddMinutes(1));
        var handled = await h.RunChecksAsync();

        Assert.Equal(1, handled);
        Assert.Empty(await h.AlertEventsAsync());
    }

    /// <summary>
    /// Below gte nothing fires; a commit that reaches it exactly fires (gte is inclusive), with the
    /// event's data the rule, subscription, customer, currency, period, value and gte; more usage
    /// in the period fires nothing more. A rule created when the value is already over fires at the
    /// next commit.
    /// </summary>
    [Fact]
    public async Task Alert_ValueReachesGte_FiresOnceWithTheDocumentedData()
    {
        await using var h = await AlertHarness.CreateAsync(azurite);
        var usage = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "usage", meter = "compute_seconds", gte = 1000.5 });
        await h.PostComputeAsync([600m, 400m]);
        await h.RunChecksAsync();
        var below = await h.AlertEventsAsync();

        await h.PostComputeAsync([0.5m]);
        await h.RunChecksAsync();
        await h.PostComputeAsync([5_000m]);
        await h.RunChecksAsync();
        var late = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "spend", gte = 10 });
        var beforeNextCommit = await h.AlertEventsAsync();
        await h.IngestComputeFileAsync([1m]);
        await h.RunChecksAsync();
        var events = await h.AlertEventsAsync();
        var received = await h.DeliverAndReceiveAsync();

        Assert.Empty(below);
        var first = Assert.Single(beforeNextCommit);
        var data = first.GetProperty("data");
        Assert.Equal(
            ["alert", "subscription", "customer", "currency", "period_start", "period_end", "value", "gte", "triggered_at"],
            data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(usage, data.GetProperty("alert").GetProperty("id").GetString());
        Assert.Equal("compute_seconds", data.GetProperty("alert").GetProperty("meter").GetString());
        Assert.Equal(("sub_cus_A", "cus_A", "usd"), (data.GetProperty("subscription").GetString(), data.GetProperty("customer").GetString(), data.GetProperty("currency").GetString()));
        Assert.Equal((January.ToUnixTimeSeconds(), February.ToUnixTimeSeconds()), (data.GetProperty("period_start").GetInt64(), data.GetProperty("period_end").GetInt64()));
        Assert.Equal((1000.5m, 1000.5m), (data.GetProperty("value").GetDecimal(), data.GetProperty("gte").GetDecimal()));
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeSeconds(), data.GetProperty("triggered_at").GetInt64());

        Assert.Equal(2, events.Count);
        var second = events.Single(e => e.GetProperty("data").GetProperty("alert").GetProperty("id").GetString() == late);
        // 500 of base fee and 6,001.5 s: 60.015 minor units, rounded once per line to 60.
        Assert.Equal(560m, second.GetProperty("data").GetProperty("value").GetDecimal());
        Assert.Equal(events.Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal), received.Keys.Order(StringComparer.Ordinal));
        Assert.All(received.Values, count => Assert.Equal(1, count));
    }

    /// <summary>Each writer: ten batches of five 250 s events (12,500 s), two over HTTP and two as files, while both instances run the checks.</summary>
    private static async Task WriteConcurrentlyAsync(AlertHarness h, AppInstance second)
    {
        var writers = Task.WhenAll(
            Task.Run(() => WriteAsync(s => h.PostComputeAsync(s))),
            Task.Run(() => WriteAsync(s => h.PostComputeAsync(s))),
            Task.Run(() => WriteAsync(s => h.IngestComputeFileAsync(s))),
            Task.Run(() => WriteAsync(s => h.IngestComputeFileAsync(s))));
        await Task.WhenAll(writers, Task.Run(() => h.RunChecksAsync(until: writers)), Task.Run(() => h.RunChecksAsync(second, writers)));
        await h.RunChecksAsync();

        static async Task WriteAsync(Func<decimal[], Task> write)
        {
            for (var batch = 0; batch < 10; batch++)
            {
                await write([250m, 250m, 250m, 250m, 250m]);
            }
        }
    }
}
