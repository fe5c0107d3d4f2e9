using Billing.Testing;

namespace Billing.LocalHost.Tests;

/// <summary>The queue trigger, in-process on the test app: a POCO from JSON, the dequeue count, and the poison queue.</summary>
public sealed class QueueTriggerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageFailingEveryTry_MovesToThePoisonQueueAfterMaxDequeueCount_WhileOthersRun()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");

        await harness.SendAsync("bad", "fail");
        await harness.SendAsync("good", "ok");
        var poison = new Azure.Storage.Queues.QueueClient(harness.ConnectionString, harness.Settings["TestApp__Queue"] + "-poison");
        var poisoned = await Eventually.WaitAsync(
            async () => { await host.ScanNowAsync(Ct); return (await poison.ExistsAsync(Ct)).Value ? (await poison.PeekMessagesAsync(32, Ct)).Value : []; },
            m => m.Length == 1,
            "the poisoned message");

        var entries = TestAppHarness.Recorder(host).Entries;
        Assert.Contains("\"id\":\"bad\"", Triggers.HostStorage.DecodeMessage(poisoned[0].Body.ToString()), StringComparison.Ordinal);
        Assert.Equal(["queue bad fail dequeue=1", "queue bad fail dequeue=2", "queue bad fail dequeue=3"], entries.Where(e => e.StartsWith("queue bad", StringComparison.Ordinal)));
        Assert.Contains("queue done good", entries);
        Assert.Empty((await harness.Queue.PeekMessagesAsync(32, Ct)).Value);
    }
}
