using Billing.LocalRuntime.Triggers;

namespace Billing.LocalRuntime.Tests;

/// <summary>The queue trigger's retries and poison queue, with the real CheckThreshold function.</summary>
public sealed class QueueTriggerTests : IDisposable
{
    // The app's own host.json waits 30 s between tries of a failed message; this copy retries at once.
    private readonly string app = BuiltApp.CopyWithHostJson(host =>
    {
        host["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:00";
        return host;
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageFailingEveryTry_MovesToThePoisonQueueAfterMaxDequeueCount_WhileOthersRun()
    {
        await using var harness = await RuntimeHarness.CreateAsync(DateTimeOffset.UtcNow.AddDays(-10), ["cus_A"]);
        var host = await harness.StartHostAsync("a", appDirectory: app);
        var queue = harness.Queue("threshold-checks");

        var bad = (await queue.SendMessageAsync(RuntimeStorage.EncodeMessage("this is not a threshold check"), Ct)).Value.MessageId;
        var good = (await queue.SendMessageAsync(RuntimeStorage.EncodeMessage("""{"checks":[{"subscription":"sub_cus_A","period_start":0}]}"""), Ct)).Value.MessageId;
        await host.ScanNowAsync(Ct);

        var poisoned = await Eventually.WaitAsync(() => harness.PeekAsync("threshold-checks-poison"), m => m.Count > 0, "the poison message");
        Assert.Equal(["this is not a threshold check"], poisoned);
        var tries = host.Invocations.Where(i => i.Item == bad).ToArray();
        Assert.Equal(5, tries.Length);
        Assert.All(tries, t => Assert.Contains("CheckThreshold failed", t.Error, StringComparison.Ordinal));
        // The good message runs beside the bad one's retries, not necessarily before the poisoning.
        await Eventually.WaitAsync(() => host.Invocations.Any(i => i.Item == good && i.Succeeded), "the good message's run");
        Assert.Single(host.Invocations, i => i.Item == good && i.Succeeded);
        await Eventually.WaitAsync(async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount, n => n == 0, "the queue to be empty");
    }

    public void Dispose() => Directory.Delete(app, recursive: true);
}
