using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

public sealed class IngestUsageFileHandlerDedupTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HandleAsync_RepeatsWithinOneFile_CountsTheFirstOnly()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        TestEvent[] events =
        [
            TestEvent.Compute("cus_A", "d-1", Jan5, "10"),
            TestEvent.Compute("cus_A", "d-2", Jan5.AddMinutes(1), "5"),
            TestEvent.Compute("cus_A", "d-1", Jan5.AddMinutes(2), "99"), // same identifier, other fields differ: the first wins
            TestEvent.ApiCall("cus_A", "d-3", Jan5),
            TestEvent.ApiCall("cus_A", "d-3", Jan5),
            TestEvent.Compute("cus_A", null, Jan5.AddHours(1), "7"), // no identifier: derived from the content ...
            TestEvent.Compute("cus_A", null, Jan5.AddHours(1), "7"), // ... so an identical resend is a duplicate
        ];

        var report = await harness.IngestAsync("repeats.jsonl", TestFiles.Jsonl(events));

        Assert.Equal((7, 4, 3, 0), (report.Events, report.Accepted, report.Duplicates, report.Rejected));
        var usage = await harness.ReadJanuaryAsync("cus_A");
        Assert.Equal(22m, usage!.QuantityOf("compute_seconds"));
        Assert.Equal(3, usage.Meters["compute_seconds"].EventCount);
        Assert.Equal(1m, usage.QuantityOf("api_calls"));
    }

    [Fact]
    public async Task HandleAsync_OverlappingFiles_CountEachEventOnce()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await harness.IngestAsync("first.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 60)));

        var second = await harness.IngestAsync("second.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(30, 60)));

        Assert.Equal((60, 30, 30), (second.Events, second.Accepted, second.Duplicates));
        var union = await AppHarness.CleanRunTotalsAsync(azurite, "union.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 90)));
        Assert.Equal(18, union.Count);
        Assert.Equal(union, await harness.JanuaryTotalsAsync());
    }

    [Fact]
    public async Task HandleAsync_SameVersionTwice_SecondRunChangesNoAggregateAndRewritesSummary()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var lines = TestEvent.MixedRange(0, 60).Select(e => e.ToJson()).Append("{broken").Append("{also broken");
        var file = await harness.UploadAsync("twice.jsonl", TestFiles.Lines(lines));
        var first = await harness.App.HandleAsync(file, TestContext.Current.CancellationToken);
        var afterFirst = await harness.JanuaryTotalsAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await harness.App.HandleAsync(file, TestContext.Current.CancellationToken);

        Assert.Equal((62, 60, 0, 2), (first.Events, first.Accepted, first.Duplicates, first.Rejected));
        Assert.Equal((62, 0, 60, 2), (second.Events, second.Accepted, second.Duplicates, second.Rejected));
        Assert.Equal(18, afterFirst.Count);
        Assert.Equal(afterFirst, await harness.JanuaryTotalsAsync());
        Assert.Equal(await AppHarness.CleanRunTotalsAsync(azurite, "clean.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 60))), afterFirst);

        var summary = await harness.ReadSummaryAsync("twice.jsonl");
        Assert.Equal(0, summary.GetProperty("accepted").GetInt64());
        Assert.Equal(60, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(AppHarness.Now.AddMinutes(1).ToUnixTimeSeconds(), summary.GetProperty("completed_at").GetInt64());
        Assert.Equal(2, (await harness.ReadRejectsAsync("twice.jsonl")).Count);
    }

    [Fact]
    public async Task HandleAsync_SameVersionOnAnotherInstance_AddsNothing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync("twice.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 60)));
        await harness.App.HandleAsync(file, TestContext.Current.CancellationToken);
        var afterFirst = await harness.JanuaryTotalsAsync();
        var other = await harness.StartInstanceAsync();

        var second = await other.HandleAsync(file, TestContext.Current.CancellationToken);

        Assert.Equal((0, 60), (second.Accepted, second.Duplicates));
        Assert.Equal(afterFirst, await harness.JanuaryTotalsAsync());
    }
}
