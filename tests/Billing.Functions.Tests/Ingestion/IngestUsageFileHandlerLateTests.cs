using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

public sealed class IngestUsageFileHandlerLateTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HandleAsync_NewEventsForInvoicedPeriod_CountsThemLate()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await harness.IngestAsync("before.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 90)));

        // Only cus_A's January is invoiced; its new events are late, cus_B's and cus_C's are not.
        await harness.MarkJanuaryInvoicedAsync("cus_A");
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero));
        var report = await harness.IngestAsync("after.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(60, 60)));

        Assert.Equal((30, 30, 10), (report.Accepted, report.Duplicates, report.Late));
        var summary = await harness.ReadSummaryAsync("after.jsonl");
        Assert.Equal(10, summary.GetProperty("late").GetInt64());
        Assert.Equal(10, (await harness.ReadJanuaryAsync("cus_A"))!.LateEvents);
        Assert.Equal(0, (await harness.ReadJanuaryAsync("cus_B"))!.LateEvents);
        Assert.Equal(40, (await harness.ReadJanuaryAsync("cus_A"))!.Meters.Values.Sum(m => m.EventCount));
    }

    [Fact]
    public async Task HandleAsync_ResendOfInvoicedEvents_IsDuplicateNotLate()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var content = TestFiles.Jsonl(TestEvent.MixedRange(0, 30));
        await harness.IngestAsync("before.jsonl", content);
        var before = await harness.JanuaryTotalsAsync();
        foreach (var customer in AppHarness.Customers)
        {
            await harness.MarkJanuaryInvoicedAsync(customer);
        }

        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero));
        var report = await harness.IngestAsync("resent.jsonl", content);

        Assert.Equal((0, 30, 0), (report.Accepted, report.Duplicates, report.Late));
        Assert.Equal(before, await harness.JanuaryTotalsAsync());
    }
}
