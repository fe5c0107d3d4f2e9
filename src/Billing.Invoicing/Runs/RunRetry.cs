namespace Billing.Invoicing.Runs;

/// <summary>
/// How an orchestration retries a failing activity (technical back-off, wall-clock time): attempt
/// n+1 waits <see cref="FirstRetry"/> × 2ⁿ⁻¹, at most <see cref="MaxInterval"/>, up to
/// <see cref="MaxAttempts"/> attempts; then the run reports a stall and tries again after
/// <see cref="StallBackoff"/>. Part of the orchestration's input, so a replay sees the same values.
/// </summary>
public sealed record RunRetry(TimeSpan FirstRetry, int MaxAttempts, TimeSpan MaxInterval, TimeSpan StallBackoff)
{
    public static RunRetry From(InvoicingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.StepFirstRetry, options.StepMaxAttempts, options.StepMaxRetryInterval, options.StallBackoff);
    }

    public TaskOptions ToTaskOptions() =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, FirstRetry, backoffCoefficient: 2, maxRetryInterval: MaxInterval));
}
