namespace Billing.Invoicing.Outbound;

/// <summary>Exponential back-off between the attempts of one delivery round: first, then doubling, at most the cap.</summary>
public static class RetrySchedule
{
    /// <param name="failedInRound">Attempts of the round that failed so far (1 after its first).</param>
    /// <returns>How long after the latest failed attempt the next is due: <c>min(first × 2^(failedInRound − 1), max)</c>.</returns>
    public static TimeSpan Delay(int failedInRound, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failedInRound, 1);
        // Doubling past the cap in at most 62 steps; beyond that the shift would overflow.
        var delay = options.FirstRetry;
        for (var i = 1; i < failedInRound && delay < options.MaxRetryInterval; i++)
        {
            delay += delay;
        }

        return delay < options.MaxRetryInterval ? delay : options.MaxRetryInterval;
    }
}
