using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Testing;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Ingestion;

public sealed class IngestUsageFileHandlerRecoveryTests(AzuriteFixture azurite)
{
    private const int ChunkEvents = 50;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_KilledPartWayThenRerun_EqualsOneCleanRun(bool rerunOnNewInstance)
    {
        // 2,000 events in 40 chunks of 50, with a broken line every 250 events.
        var lines = TestEvent.MixedRange(0, 2_000).Select((e, k) => k % 250 == 249 ? "{\"broken\":" : e.ToJson()).ToArray();
        var content = TestFiles.Lines(lines);
        var rejected = lines.Count(l => l.StartsWith("{\"broken", StringComparison.Ordinal));
        await using var harness = await AppHarness.CreateAsync(azurite, ChunkEvents);
        using var kill = new CancelOnProgressLogs(progressLogs: 2);
        var first = await harness.StartInstanceAsync(logging => logging.AddProvider(kill));
        var file = await harness.UploadAsync("2026/01/big.jsonl", content);

        // Progress is logged asynchronously (Progress<T>), so the run stops at the second committed
        // chunk or a little after it: never before, and long before the last of 40.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.HandleAsync(file, kill.Token));

        var partial = (await harness.JanuaryTotalsAsync()).Sum(t => t.Events);
        Assert.InRange(partial, 2 * ChunkEvents, lines.Length - rejected - 1);
        var rerun = rerunOnNewInstance ? await harness.StartInstanceAsync() : first;
        var report = await rerun.HandleAsync(file, TestContext.Current.CancellationToken);

        Assert.Equal((lines.Length, lines.Length - rejected, rejected), (report.Events, report.Accepted + report.Duplicates, report.Rejected));
        Assert.InRange(report.Duplicates, 2 * ChunkEvents, partial);
        var clean = await AppHarness.CleanRunTotalsAsync(azurite, "clean.jsonl", content);
        Assert.Equal(18, clean.Count);
        Assert.Equal(clean, await harness.JanuaryTotalsAsync());
        Assert.Equal(rejected, (await harness.ReadRejectsAsync("2026/01/big.jsonl")).Count);
    }

    [Fact]
    public async Task HandleAsync_FourInstancesOnOverlappingFilesAtOnce_CountEveryEventOnce()
    {
        // File i holds events i*N .. i*N+2N-1: every event but the first and last N is in two files.
        const int n = 150;
        await using var harness = await AppHarness.CreateAsync(azurite, ChunkEvents);
        var instances = new List<AppInstance> { harness.App };
        for (var i = 1; i < 4; i++)
        {
            instances.Add(await harness.StartInstanceAsync());
        }

        var files = new List<UsageFile>();
        for (var i = 0; i < 4; i++)
        {
            files.Add(await harness.UploadAsync($"part-{i}.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(i * n, 2 * n))));
        }

        var reports = await Task.WhenAll(instances.Select((instance, i) =>
            Task.Run(() => instance.HandleAsync(files[i], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.Equal(5 * n, reports.Sum(r => r.Accepted));
        Assert.Equal(3 * n, reports.Sum(r => r.Duplicates));
        var union = await AppHarness.CleanRunTotalsAsync(azurite, "union.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 5 * n)));
        Assert.Equal(18, union.Count);
        Assert.Equal(union, await harness.JanuaryTotalsAsync());
    }
}
