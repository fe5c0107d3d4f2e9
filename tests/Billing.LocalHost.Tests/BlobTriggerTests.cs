using Billing.Testing;

namespace Billing.LocalHost.Tests;

/// <summary>The blob trigger, in-process on the test app: once per version (name and ETag), tries, poison, several hosts.</summary>
public sealed class BlobTriggerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_RunsOnceWithTheVersionsETag_AndAnOverwriteIsNewWork()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");

        var first = await harness.UploadAsync("2026/a.txt", "one");
        await host.ScanNowAsync(Ct);
        await Eventually.WaitAsync(() => harness.ReceiptAsync("2026/a.txt", first), r => r?.GetString("Status") == "Done", "the first version's receipt");
        var second = await harness.UploadAsync("2026/a.txt", "two");
        await host.ScanNowAsync(Ct);
        var receipt = await Eventually.WaitAsync(() => harness.ReceiptAsync("2026/a.txt", second), r => r?.GetString("Status") == "Done", "the second version's receipt");
        await host.ScanNowAsync(Ct);

        var container = harness.Settings["TestApp__Container"];
        Assert.Equal(1, receipt!.GetInt32("Tries"));
        Assert.Equal(
            [$"blob 2026/a.txt {first} one try=1 trigger={container}/2026/a.txt", $"blob 2026/a.txt {second} two try=1 trigger={container}/2026/a.txt"],
            TestAppHarness.Recorder(host).Entries.Where(e => !e.StartsWith("blob done", StringComparison.Ordinal)));
        Assert.Equal(2, host.Invocations.Count(i => i.Function == "Inbox" && i.Succeeded));
    }

    [Fact]
    public async Task BlobFailingEveryTry_IsPoisonedAfterTheThreshold_WhileAnotherIsProcessed()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");

        var bad = await harness.UploadAsync("bad.txt", "fail");
        var good = await harness.UploadAsync("good.txt", "ok");
        var poisoned = await Eventually.WaitAsync(
            async () => { await host.ScanNowAsync(Ct); return await harness.ReceiptAsync("bad.txt", bad); }, r => r?.GetString("Status") == "Poison", "the poison receipt");

        Assert.Equal(3, poisoned!.GetInt32("Tries")); // the test app's host.json: poisonBlobThreshold 3
        Assert.Contains("asked to fail", poisoned.GetString("LastError"), StringComparison.Ordinal);
        Assert.Equal("Done", (await harness.ReceiptAsync("good.txt", good))?.GetString("Status"));
        var message = Assert.Single((await new Azure.Storage.Queues.QueueClient(harness.ConnectionString, "webjobs-blobtrigger-poison").PeekMessagesAsync(32, Ct)).Value
            .Select(m => Triggers.HostStorage.DecodeMessage(m.Body.ToString())), m => m.Contains(harness.Settings["TestApp__Container"]!, StringComparison.Ordinal));
        Assert.Contains("\"BlobName\":\"bad.txt\"", message, StringComparison.Ordinal);
        Assert.Equal(3, host.Invocations.Count(i => i.Function == "Inbox" && !i.Succeeded));
    }

    [Fact]
    public async Task TwoHosts_RunEachBlobVersionAndEachQueueMessageExactlyOnce()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var a = await harness.StartHostAsync("a");
        var b = await harness.StartHostAsync("b");
        var names = Enumerable.Range(0, 12).Select(i => $"f{i}.txt").ToArray();
        foreach (var name in names)
        {
            await harness.UploadAsync(name, "ok");
            await harness.SendAsync(name, "ok");
        }

        await Eventually.WaitAsync(
            async () => { await Task.WhenAll(a.ScanNowAsync(Ct), b.ScanNowAsync(Ct)); return Done(a).Concat(Done(b)).ToArray(); },
            done => done.Length >= names.Length * 2,
            "every blob and message");

        var all = Done(a).Concat(Done(b)).ToArray();
        Assert.Equal(names.Select(n => $"blob done {n} ok").Order(), all.Where(e => e.StartsWith("blob", StringComparison.Ordinal)).Order());
        Assert.Equal(names.Select(n => $"queue done {n}").Order(), all.Where(e => e.StartsWith("queue", StringComparison.Ordinal)).Order());

        static IEnumerable<string> Done(Hosting.LocalFunctionsHost host) => TestAppHarness.Recorder(host).Entries.Where(e => e.Contains(" done ", StringComparison.Ordinal));
    }
}
