namespace Billing.Stripe;

/// <summary>
/// A token bucket on an injected clock: <c>rate</c> tokens a second, at most <c>burst</c> saved up.
/// <see cref="WaitAsync"/> reserves the next token and waits until it is due, so callers are served
/// in order and N calls take at least (N − burst) / rate seconds.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly TimeSpan burstWindow;
    private readonly Lock gate = new();
    private DateTimeOffset nextFree;

    public TokenBucket(double ratePerSecond, TimeProvider time, int burst = 1)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "The rate must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        this.time = time;
        interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        burstWindow = interval * (burst - 1);
        nextFree = DateTimeOffset.MinValue;
    }

    /// <summary>Takes a token, waiting (on the injected clock) until one is available.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var earliest = now - burstWindow;
            var slot = nextFree < earliest ? earliest : nextFree;
            nextFree = slot + interval;
            delay = slot > now ? slot - now : TimeSpan.Zero;
        }

        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }
}
