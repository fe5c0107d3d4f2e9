using System.Text;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// Values beyond the bounds of docs/contracts.md §1 are rejected one by one, before anything is
/// committed: a sum can no longer overflow, so no request answers 500 and no file fails after
/// part of it counted.
/// </summary>
public sealed class ValueBoundsTests(AzuriteFixture azurite)
{
    /// <summary>5 × 10^28: two of them overflow a decimal sum (its largest value is about 7.9 × 10^28).</summary>
    private const string Huge = "50000000000000000000000000000";

    private static readonly DateTimeOffset InPeriod = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeterEvents_SumValuesPastTheDecimalRange_RejectedAndLaterEventsOfTheMeterAccepted()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        var first = await PostAsync(harness, TestEvent.Compute("cus_A", "huge-1", InPeriod, Huge));
        var second = await PostAsync(harness, TestEvent.Compute("cus_A", "huge-2", InPeriod, Huge));
        var later = await PostAsync(harness, TestEvent.Compute("cus_A", "small-1", InPeriod, "2.5"));

        Assert.Equal(("rejected", "invalid_value"), (first.Results[0].Status, first.Results[0].Reason));
        Assert.Contains("out of range", first.Results[0].Message, StringComparison.Ordinal);
        Assert.Equal(("rejected", "invalid_value"), (second.Results[0].Status, second.Results[0].Reason));
        Assert.Equal("accepted", later.Results[0].Status);
        Assert.Equal(2.5m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task MeterEvents_MixedBatchWithOverflowingValues_AnswersPerEventAndCommitsTheRest()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        var response = await PostAsync(
            harness,
            TestEvent.Compute("cus_B", "b-1", InPeriod, "7"),
            TestEvent.Compute("cus_A", "huge-1", InPeriod, Huge),
            TestEvent.Compute("cus_A", "huge-2", InPeriod, Huge),
            TestEvent.Compute("cus_A", "a-1", InPeriod, "3"),
            TestEvent.ApiCall("cus_C", "c-1", InPeriod));

        Assert.Equal(
            ["accepted", "rejected", "rejected", "accepted", "accepted"],
            response.Results.Select(r => r.Status));
        Assert.Equal((3, 0, 2), (response.Accepted, response.Duplicates, response.Rejected));
        Assert.Equal(7m, (await harness.ReadJanuaryAsync("cus_B"))!.QuantityOf("compute_seconds"));
        Assert.Equal(3m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
        Assert.Equal(1m, (await harness.ReadJanuaryAsync("cus_C"))!.QuantityOf("api_calls"));
    }

    [Fact]
    public async Task IngestUsageFile_OverflowingValuesAfterCommittedChunks_RejectsThoseLinesAndCountsTheRestOnce()
    {
        // Chunks of two events: the first lines are committed before the huge ones are read.
        await using var harness = await AppHarness.CreateAsync(azurite, chunkEvents: 2);
        TestEvent[] events =
        [
            TestEvent.Compute("cus_A", "a-1", InPeriod, "5"),
            TestEvent.Compute("cus_A", "a-2", InPeriod, "5"),
            TestEvent.Compute("cus_A", "a-3", InPeriod, "5"),
            TestEvent.Compute("cus_A", "huge-1", InPeriod, Huge),
            TestEvent.Compute("cus_A", "huge-2", InPeriod, Huge),
            TestEvent.Compute("cus_A", "a-4", InPeriod, "1"),
        ];

        var report = await harness.IngestAsync("huge.jsonl", TestFiles.Jsonl(events));

        Assert.Equal((6, 4, 2), (report.Events, report.Accepted, report.Rejected));
        var rejects = await harness.ReadRejectsAsync("huge.jsonl");
        Assert.Equal(
            [(4L, "invalid_value"), (5L, "invalid_value")],
            rejects.Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("reason").GetString())));
        Assert.Equal(16m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }

    private static async Task<MeterEventsResponse> PostAsync(AppHarness harness, params TestEvent[] events)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', events.Select(e => e.ToJson())));
        var outcome = await harness.App.Get<MeterEventsHandler>().HandleAsync(new MeterEventsRequest(new MemoryStream(body), body.Length), Ct);
        return Assert.IsType<MeterEventsOutcome.Processed>(outcome).Response;
    }
}
