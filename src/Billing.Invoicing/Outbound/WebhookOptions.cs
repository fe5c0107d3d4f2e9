namespace Billing.Invoicing.Outbound;

/// <summary>
/// Settings under <c>Webhooks</c> (environment: <c>Webhooks__FirstRetry</c>, …): how outbound
/// events are delivered (docs/contracts.md §8). Every time here is wall-clock time.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";
    public static readonly TimeSpan DefaultFirstRetry = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultMaxRetryInterval = TimeSpan.FromHours(6);
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromDays(3);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The queue's longest invisibility (and a message's default time to live): no wait between attempts may exceed it.</summary>
    public static readonly TimeSpan MaxQueueDelay = TimeSpan.FromDays(7);

    /// <summary>Wait after a delivery's first failed attempt; each later failure doubles it up to <see cref="MaxRetryInterval"/>. Default 1 minute.</summary>
    public TimeSpan FirstRetry { get; set; } = DefaultFirstRetry;

    /// <summary>Longest wait between two attempts of one delivery. Default 6 hours; at most 7 days (the queue's limit).</summary>
    public TimeSpan MaxRetryInterval { get; set; } = DefaultMaxRetryInterval;

    /// <summary>
    /// How long after an event is published (or redelivered) its delivery is retried: an attempt
    /// that would fall later is not made, and the delivery is <c>failed</c>. Default 3 days (Stripe's).
    /// </summary>
    public TimeSpan RetryFor { get; set; } = DefaultRetryFor;

    /// <summary>Longest wait for an endpoint's answer (its status line and headers) to one attempt; a slower one fails. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    public void Validate()
    {
        if (FirstRetry <= TimeSpan.Zero || MaxRetryInterval < FirstRetry || MaxRetryInterval > MaxQueueDelay)
        {
            throw new InvalidOperationException($"Webhooks: FirstRetry must be positive and MaxRetryInterval from FirstRetry to {MaxQueueDelay.TotalDays} days; got {FirstRetry} and {MaxRetryInterval}.");
        }

        if (RetryFor <= TimeSpan.Zero || RetryFor > TimeSpan.FromDays(30))
        {
            throw new InvalidOperationException($"Webhooks:RetryFor must be positive and at most 30 days; got {RetryFor}.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"Webhooks:Timeout must be positive and at most 5 minutes; got {Timeout}.");
        }
    }
}
