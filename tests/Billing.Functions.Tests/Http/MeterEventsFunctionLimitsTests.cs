using System.Text;
using Billing.Functions.Http;
using Billing.Testing;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Http;

/// <summary>Limits are enforced at the HTTP edge while the body is read and parsed, before it is turned into millions of events.</summary>
public sealed class MeterEventsFunctionLimitsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("[", "0,", "0]")]
    [InlineData("[", "{},", "{}]")]
    [InlineData("", "0\n", "0")]
    public async Task RunAsync_TenMegabytesOfTinyEvents_413WithoutBuildingThemAll(string open, string element, string last)
    {
        // 10 MB of "0," is 5.2 million elements: building every one before checking the count took
        // gigabytes (500 out of memory in a small container).
        var body = Encoding.UTF8.GetBytes(open + string.Concat(Enumerable.Repeat(element, ((10 * 1024 * 1024) - open.Length - last.Length) / element.Length)) + last);
        await using var harness = await AppHarness.CreateAsync(azurite);
        var function = harness.App.Function<MeterEventsFunction>();
        var context = harness.App.Request(HttpMethods.Post, new MemoryStream(body, writable: false), body.Length);

        // The body is in memory, so the function runs synchronously up to its answer: what this
        // thread allocates is what the request cost (the 10 MB body buffer included).
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = function.RunAsync(context.Request, TestContext.Current.CancellationToken);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(result.IsCompleted);
        var answer = await FunctionAnswer.ExecuteAsync(await result, context);
        Assert.Equal((StatusCodes.Status413PayloadTooLarge, "request_too_large"), (answer.Status, answer.ErrorCode));
        Assert.Contains("more than 10000 events", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.True(allocated < 40 * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated");
    }
}
