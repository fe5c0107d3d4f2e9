using Microsoft.Extensions.Time.Testing;

namespace Billing.Stripe.Tests;

/// <summary>The rate limiter on a fake clock: no network, no real sleeps.</summary>
public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, 25.0)]
    [InlineData(7, 2.0)]
    public async Task NCallsAtRPerSecond_TakeAtLeastNMinusOneOverRSeconds(int n, double rate)
    {
        var time = new FakeTimeProvider(Start);
        var bucket = new TokenBucket(rate, time);
        var step = TimeSpan.FromSeconds(1 / rate / 4);

        var calls = Enumerable.Range(0, n).Select(_ => bucket.WaitAsync(TestContext.Current.CancellationToken)).ToList();
        var completedAt = new DateTimeOffset?[n];
        for (var guard = 0; completedAt.Any(c => c is null) && guard < 10_000; guard++)
        {
            for (var i = 0; i < n; i++)
            {
                completedAt[i] ??= calls[i].IsCompleted ? time.GetUtcNow() : null;
            }

            if (completedAt.Any(c => c is null))
            {
                time.Advance(step);
            }
        }

        await Task.WhenAll(calls);
        var elapsed = completedAt.Max()!.Value - Start;
        Assert.True(elapsed >= TimeSpan.FromSeconds((n - 1) / rate) - TimeSpan.FromTicks(1), $"{n} calls took {elapsed}");
        Assert.True(elapsed <= TimeSpan.FromSeconds((n - 1) / rate) + step, $"{n} calls took {elapsed}: the bucket waits too long");
        Assert.Equal(completedAt, completedAt.Order());
    }

    [Fact]
    public async Task AfterIdleTime_NextCallIsImmediate()
    {
        var time = new FakeTimeProvider(Start);
        var bucket = new TokenBucket(1, time);
        await bucket.WaitAsync(TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(bucket.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
        Assert.False(bucket.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public async Task Handler_TakesATokenPerRequest()
    {
        var time = new FakeTimeProvider(Start);
        using var handler = new RateLimitingHandler(new TokenBucket(2, time)) { InnerHandler = new OkHandler() };
        using var http = new HttpClient(handler);
        var ct = TestContext.Current.CancellationToken;

        using var first = await http.GetAsync(new Uri("http://stripe.test/v1/x"), ct);
        var second = http.GetAsync(new Uri("http://stripe.test/v1/x"), ct);
        await Task.Yield();
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        using var response = await second;

        Assert.True(response.IsSuccessStatusCode);
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
