namespace Billing.LocalHost.Triggers;

/// <summary>
/// How long a listener loop waits after a failed pass: <c>first</c> after one failure, doubled
/// with each further failure in a row up to <see cref="MaxDelay"/>, and back to the start after a
/// pass that succeeds. A fault that persists (storage down, a listing the SDK cannot parse) then
/// neither spins nor floods the log, and a passing one costs one short wait. Not thread-safe: one
/// loop owns it.
/// </summary>
internal sealed class FailureBackOff
{
    /// <summary>The longest wait between failed passes: 30 s.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly TimeSpan first;
    private int failures;

    /// <param name="first">The wait after the first failure (positive; a loop's own interval is a good choice); capped at <see cref="MaxDelay"/>.</param>
    public FailureBackOff(TimeSpan first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero);
        this.first = first < MaxDelay ? first : MaxDelay;
    }

    /// <summary>Failures in a row since the last success.</summary>
    public int Failures => failures;

    /// <summary>Records a failed pass.</summary>
    /// <returns>How long to wait before the next pass.</returns>
    public TimeSpan Failed()
    {
        // Doubling stops at the cap: a few steps, however many failures there were.
        var delay = first;
        for (var i = 0; i < failures && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        failures++;
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Records a pass that succeeded: the next failure waits <c>first</c> again.</summary>
    public void Succeeded() => failures = 0;
}
