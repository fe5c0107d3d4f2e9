using System.Text;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>Limits are enforced while the body is read, before it is turned into millions of events.</summary>
public sealed class MeterEventsHandlerLimitsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("[", "0,", "0]")]
    [InlineData("[", "{},", "{}]")]
    [InlineData("", "0\n", "0")]
    public async Task HandleAsync_TenMegabytesOfTinyEvents_TooLargeWithoutBuildingThemAll(string open, string element, string last)
    {
        // 10 MB of "0," is 5.2 million elements: building every one before checking the count took
        // gigabytes (500 out of memory in a small container).
        var body = Encoding.UTF8.GetBytes(open + string.Concat(Enumerable.Repeat(element, ((10 * 1024 * 1024) - open.Length - last.Length) / element.Length)) + last);
        await using var harness = await AppHarness.CreateAsync(azurite);
        var handler = harness.App.Get<MeterEventsHandler>();
        using var stream = new MemoryStream(body, writable: false);

        // The body is in memory, so the handler runs synchronously up to its answer: what this
        // thread allocates is what the request cost (the 10 MB body buffer included).
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var outcome = handler.HandleAsync(new MeterEventsRequest(stream, body.Length), TestContext.Current.CancellationToken);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(outcome.IsCompleted);
        var tooLarge = Assert.IsType<MeterEventsOutcome.TooLarge>(await outcome);
        Assert.Contains("more than 10000 events", tooLarge.Message, StringComparison.Ordinal);
        Assert.True(allocated < 40 * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated");
    }
}
