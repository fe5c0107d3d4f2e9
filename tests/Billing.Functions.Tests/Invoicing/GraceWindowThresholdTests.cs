using Billing.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The threshold looks at the business clock's current period only: usage that reaches an ended
/// period during its grace window is billed on that period's cycle invoice, and one batch of work
/// yields at most one threshold invoice per subscription, for the current period (docs/contracts.md §3, §5).
/// </summary>
public sealed class GraceWindowThresholdTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset January = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = January.AddMonths(1);
    private static readonly DateTimeOffset InGrace = February.AddMinutes(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The smallest case: 50 units in January, then 60 more stamped 23:50 on January 31
    /// arriving at 00:30 on February 1 (inside the grace hour). January's 110 units (USD 110.00)
    /// pass the threshold, but January has ended: no threshold invoice, one cycle invoice of 11,000.
    /// </summary>
    [Fact]
    public async Task Threshold_UsageArrivesInTheGraceHourOfAnEndedPeriod_NoThresholdInvoiceAndTheCycleBillsIt()
    {
        await using var h = await CreateAsync(["cus_A"]);
        await h.ClosePeriodsAtAsync(January);
        h.Clock.SetUtcNow(January.AddDays(10));
        await h.PostComputeBatchAsync([new(January.AddDays(9), "cus_A", 50)]);
        Assert.Empty(await h.DrainAsync());

        h.Clock.SetUtcNow(InGrace);
        await h.PostComputeBatchAsync([new(February.AddMinutes(-10), "cus_A", 60)]);
        Assert.Empty(await h.DrainAsync());

        var usage = Assert.Single((await h.UsageAsync("cus_A")).Subscriptions);
        Assert.Equal(February.ToUnixTimeSeconds(), usage.PeriodStart);
        Assert.Equal(0, usage.Threshold!.UnbilledEligible);
        var ended = Assert.IsType<Billing.Invoicing.Usage.EndedPeriodUsage>(usage.EndedPeriod);
        Assert.Equal(January.ToUnixTimeSeconds(), ended.PeriodStart);
        Assert.Equal(11_000, ended.Unbilled);

        await h.ClosePeriodsAtAsync(February.AddHours(3));
        await h.DrainAsync();
        await h.ClosePeriodsAtAsync(February.AddMonths(1).AddHours(3));
        await h.DrainAsync();

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("subscription_cycle", invoice.BillingReason);
        Assert.Equal(January.ToUnixTimeSeconds(), invoice.PeriodStart);
        Assert.Equal(11_000, invoice.Total);
        Assert.Equal(110m, Assert.Single(invoice.Lines).Quantity);
        Assert.Equal("paid", invoice.Status);
        Assert.Null(Assert.Single((await h.UsageAsync("cus_A")).Subscriptions).EndedPeriod);
    }

    [Theory]
    [InlineData("meter events")]
    [InlineData("file")]
    public async Task Threshold_BatchTouchesTheEndedPeriodInGraceAndTheCurrentOne_OneThresholdInvoiceForTheCurrentPeriod(string path)
    {
        await using var h = await CreateAsync(["cus_A"]);
        await h.ClosePeriodsAtAsync(January);
        h.Clock.SetUtcNow(January.AddDays(10));
        await h.PostComputeBatchAsync([new(January.AddDays(9), "cus_A", 50)]);
        await h.DrainAsync();

        // One batch: 60 units for January (which then passes the threshold too) and 120 for February.
        h.Clock.SetUtcNow(InGrace);
        ComputeEvent[] batch = [new(February.AddMinutes(-10), "cus_A", 60), new(February.AddMinutes(20), "cus_A", 120)];
        await (path == "file" ? h.IngestComputeFileAsync(batch) : h.PostComputeBatchAsync(batch));
        var issued = await h.DrainAsync();

        var threshold = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal([threshold.Id], issued);
        Assert.Equal("subscription_threshold", threshold.BillingReason);
        Assert.Equal(February.ToUnixTimeSeconds(), threshold.PeriodStart);
        Assert.Equal(12_000, threshold.Total);

        await h.ClosePeriodsAtAsync(February.AddHours(3));
        await h.DrainAsync();
        var cycle = Assert.Single(await h.InvoicesAsync("cus_A"), i => i.BillingReason == "subscription_cycle");
        Assert.Equal(January.ToUnixTimeSeconds(), cycle.PeriodStart);
        Assert.Equal(11_000, cycle.Total);
    }

    /// <summary>A threshold check sent in a period's last minute and handled after it ended is left to the cycle invoice.</summary>
    [Fact]
    public async Task Threshold_CheckHandledAfterItsPeriodEnded_NothingIssuedUntilTheCycle()
    {
        await using var h = await CreateAsync(["cus_A"]);
        await h.ClosePeriodsAtAsync(January);
        h.Clock.SetUtcNow(February.AddMinutes(-1));
        await h.PostComputeBatchAsync([new(February.AddMinutes(-1), "cus_A", 150)]);
        h.Clock.SetUtcNow(February.AddMinutes(1));
        Assert.Empty(await h.DrainAsync());

        await h.ClosePeriodsAtAsync(February.AddHours(3));
        await h.DrainAsync();
        var cycle = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("subscription_cycle", cycle.BillingReason);
        Assert.Equal(15_000, cycle.Total);
    }

    /// <summary>
    /// Random batches of usage around period boundaries (in the grace hour, just before an end,
    /// mid-period), from the API and from files, for three subscriptions, with the clock sometimes
    /// moving between a commit and its checks: every batch yields at most one threshold invoice per
    /// subscription, always for the clock's current period; and once every period is closed, each
    /// period's invoices add up to the price of its usage.
    /// </summary>
    [Theory]
    [InlineData(20271)]
    [InlineData(20272)]
    [InlineData(20273)]
    public async Task Threshold_RandomBatchesAroundPeriodBoundaries_AtMostOnePerSubscriptionAndBatchAndOnlyForTheCurrentPeriod(int seed)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string[] customers = ["cus_A", "cus_B", "cus_C"];
        await using var h = await CreateAsync(customers);
        await h.ClosePeriodsAtAsync(January);
        var units = new Dictionary<(string Customer, long PeriodStart), decimal>();
        var now = January.AddHours(1);
        for (var batch = 0; batch < 30; batch++)
        {
            now = Next(random, now);
            h.Clock.SetUtcNow(now);
            if (random.Next(3) == 0)
            {
                await h.ClosePeriodsAtAsync(now, clockAdvance: true);
                await h.DrainAsync();
            }

            var events = new List<ComputeEvent>();
            for (var e = random.Next(1, 7); e > 0; e--)
            {
                var at = EventTime(random, now);
                var customer = customers[random.Next(customers.Length)];
                var seconds = (decimal)random.Next(1, 80);
                events.Add(new(at, customer, seconds));
                var key = (customer, PeriodStart(at).ToUnixTimeSeconds());
                units[key] = units.GetValueOrDefault(key) + seconds;
            }

            await (random.Next(2) == 0 ? h.PostComputeBatchAsync(events) : h.IngestComputeFileAsync(events));
            if (random.Next(5) == 0)
            {
                now += TimeSpan.FromMinutes(random.Next(1, 40)); // the checks run a little later, maybe in the next period
                h.Clock.SetUtcNow(now);
            }

            var issued = await h.DrainAsync();
            var current = PeriodStart(now).ToUnixTimeSeconds();
            foreach (var customer in customers)
            {
                var thresholds = (await h.InvoicesAsync(customer)).Where(i => issued.Contains(i.Id) && i.BillingReason == "subscription_threshold").ToArray();
                Assert.True(thresholds.Length <= 1, $"seed {seed}, batch {batch}: {thresholds.Length} threshold invoices for {customer}");
                Assert.All(thresholds, t => Assert.True(t.PeriodStart == current, $"seed {seed}, batch {batch}: threshold invoice {t.Id} at {now:O}, not for the current period"));
            }
        }

        await h.ClosePeriodsAtAsync(PeriodStart(now).AddMonths(1).AddHours(2), clockAdvance: true);
        await h.DrainAsync();
        foreach (var customer in customers)
        {
            var lines = (await h.InvoicesAsync(customer)).SelectMany(i => i.Lines).ToArray();
            foreach (var ((owner, periodStart), quantity) in units.Where(u => u.Key.Customer == customer))
            {
                var billed = lines.Where(l => l.PeriodStart == periodStart).ToArray();
                Assert.True(quantity == billed.Sum(l => l.Quantity), $"seed {seed}: {owner} period {periodStart}: {quantity} units used, {billed.Sum(l => l.Quantity)} billed");
                Assert.Equal((long)(quantity * 100), billed.Sum(l => l.Amount));
            }
        }
    }

    /// <summary>The next time of the random walk: often into the grace hour of the current period's end, sometimes just before it, otherwise hours later.</summary>
    private static DateTimeOffset Next(Random random, DateTimeOffset now)
    {
        var end = PeriodStart(now).AddMonths(1);
        return random.Next(4) switch
        {
            0 => Max(now, end + TimeSpan.FromMinutes(random.Next(0, 60))),
            1 => Max(now, end - TimeSpan.FromMinutes(random.Next(1, 30))),
            _ => now + TimeSpan.FromHours(random.Next(1, 200)),
        };
    }

    /// <summary>An event time at or before now: in the ended period while its grace hour lasts, else in the current one.</summary>
    private static DateTimeOffset EventTime(Random random, DateTimeOffset now)
    {
        var start = PeriodStart(now);
        if (now < start + TimeSpan.FromHours(1) && start > January && random.Next(2) == 0)
        {
            return start - TimeSpan.FromMinutes(random.Next(1, 120));
        }

        var earliest = Max(start, now - TimeSpan.FromDays(3));
        return earliest + TimeSpan.FromSeconds(random.NextInt64((long)(now - earliest).TotalSeconds + 1));
    }

    private static DateTimeOffset PeriodStart(DateTimeOffset instant) => new(instant.Year, instant.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The catalog: monthly from 2027-01-01, one sum meter priced 100 a unit, threshold 10,000, no seats; threshold invoices unspaced.</summary>
    private async Task<InvoicingHarness> CreateAsync(IReadOnlyList<string> customers)
    {
        var subscriptions = string.Join(",", customers.Select(c => $$"""
            {"id":"sub_{{c}}","customer":"{{c}}","billing_cycle_anchor":"2027-01-01T00:00:00Z",
             "billing_thresholds":{"amount_gte":10000},"items":[{"price":"price_compute"}]}
            """));
        var customerList = string.Join(",", customers.Select(c => $$"""{"id":"{{c}}"}"""));
        var catalog = $$$"""
            {"meters":[{"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}}],
             "prices":[{"id":"price_compute","currency":"usd","unit_amount":100,"recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}}],
             "customers":[{{{customerList}}}],
             "subscriptions":[{{{subscriptions}}}]}
            """;
        return await InvoicingHarness.CreateAsync(
            azurite,
            catalog,
            appSettings: new Dictionary<string, string?> { ["Invoicing:MinThresholdInterval"] = "00:00:00", ["Billing:GracePeriod"] = "01:00:00" });
    }
}
