using Billing.LocalRuntime.Hosting;
using Billing.LocalRuntime.Triggers;

namespace Billing.LocalRuntime.Tests;

/// <summary>Two runtimes (each with its own handler process) on one storage account, as two instances of a scaled-out app.</summary>
public sealed class MultipleRuntimesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoRuntimes_RunEachBlobVersionAndEachQueueMessageExactlyOnce()
    {
        string[] customers = ["cus_A", "cus_B", "cus_C", "cus_D", "cus_E"];
        await using var harness = await RuntimeHarness.CreateAsync(DateTimeOffset.UtcNow.AddDays(-10), customers);
        var hosts = await Task.WhenAll(harness.StartHostAsync("A"), harness.StartHostAsync("B"));

        // Ten files, two per customer, and twenty threshold checks of our own (for subscriptions
        // the catalog does not know: the function logs and ignores them, so they succeed).
        var files = new Dictionary<string, Azure.ETag>();
        for (var i = 0; i < 10; i++)
        {
            var (content, _) = UsageFiles.Compute(customers[i % customers.Length], $"f{i}", 2_000);
            var name = $"batch/file-{i:00}.jsonl";
            files[name] = await harness.UploadAsync(name, content);
        }

        var queue = harness.Queue("threshold-checks");
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sent = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var body = $$"""{"checks":[{"subscription":"sub_unknown_{{i}}","period_start":0}]}""";
            sent.Add((await queue.SendMessageAsync(RuntimeStorage.EncodeMessage(body), Ct)).Value.MessageId);
        }

        await Task.WhenAll(hosts.Select(h => h.ScanNowAsync(Ct)));

        await Eventually.WaitAsync(
            async () =>
            {
                var done = 0;
                foreach (var (name, etag) in files)
                {
                    done += (await harness.ReceiptAsync(name, etag))?.GetString("Status") == "Done" ? 1 : 0;
                }

                return done;
            },
            done => done == files.Count,
            "every file done");
        // The ingestions enqueue threshold checks of their own; wait until the queue has drained.
        await Eventually.WaitAsync(
            async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount,
            count => count == 0,
            "the threshold-checks queue to drain");
        await Eventually.WaitAsync(
            () => sent.All(id => Invocations(hosts, "CheckThreshold").Any(i => i.Item == id && i.Succeeded)),
            "every message to have run");

        var blobRuns = Invocations(hosts, "IngestUsageBlob");
        Assert.Equal(files.Count, blobRuns.Count);
        Assert.All(blobRuns, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(files.Select(f => $"{f.Key}@{f.Value}").Order(), blobRuns.Select(r => r.Item).Order());
        Assert.All(hosts, h => Assert.Contains(h.Invocations, i => i.Function == "IngestUsageBlob")); // both did blob work

        var queueRuns = Invocations(hosts, "CheckThreshold");
        Assert.All(queueRuns.GroupBy(r => r.Item), g => Assert.Single(g));
        Assert.Subset(queueRuns.Select(r => r.Item).ToHashSet(), sent.ToHashSet());
        Assert.Empty(await harness.PeekAsync("threshold-checks-poison"));

        foreach (var customer in customers)
        {
            var expected = Enumerable.Range(0, 10).Where(i => customers[i % customers.Length] == customer)
                .Select(i => UsageFiles.Compute(customer, $"f{i}", 2_000).Expected)
                .Aggregate((a, b) => new MeterUsage(a.Events + b.Events, a.Quantity + b.Quantity));
            Assert.Equal(expected, await RuntimeHarness.UsageAsync(hosts[0], customer, "compute_seconds"));
        }
    }

    private static List<InvocationRecord> Invocations(IEnumerable<LocalFunctionsHost> hosts, string function) =>
        [.. hosts.SelectMany(h => h.Invocations).Where(i => i.Function == function)];
}
