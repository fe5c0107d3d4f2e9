namespace Billing.Invoicing;

/// <summary>Settings under <c>Invoicing</c> (environment: <c>Invoicing__PaymentRetryInterval</c>, …).</summary>
public sealed class InvoicingOptions
{
    public const string Section = "Invoicing";
    public const int DefaultMaxPaymentAttempts = 4;
    public static readonly TimeSpan DefaultPaymentRetryInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan DefaultMinThresholdInterval = TimeSpan.FromHours(2);
    public static readonly TimeSpan DefaultStepFirstRetry = TimeSpan.FromSeconds(5);
    public const int DefaultStepMaxAttempts = 6;
    public static readonly TimeSpan DefaultStepMaxRetryInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultStallBackoff = TimeSpan.FromMinutes(15);

    /// <summary>How long after a failed payment attempt the Reconcile timer tries again. Default 1 day.</summary>
    public TimeSpan PaymentRetryInterval { get; set; } = DefaultPaymentRetryInterval;

    /// <summary>Attempts (the first included) before an open invoice is left to the dunning process outside this app. Default 4.</summary>
    public int MaxPaymentAttempts { get; set; } = DefaultMaxPaymentAttempts;

    /// <summary>
    /// Shortest time between two threshold invoices of one subscription (business clock). Stripe
    /// allows 10 invoices a minute and 20 a day per subscription; the default 2 hours keeps a
    /// heavy user to 12 threshold invoices a day. Usage that reaches the threshold sooner is billed
    /// by the first threshold check after the interval, or by the cycle invoice. Zero: no spacing.
    /// </summary>
    public TimeSpan MinThresholdInterval { get; set; } = DefaultMinThresholdInterval;

    /// <summary>
    /// A run's step (an activity) that fails is retried after this wait, doubling each time up to
    /// <see cref="StepMaxRetryInterval"/> (wall clock: technical back-off, a durable timer). Default 5 seconds.
    /// </summary>
    public TimeSpan StepFirstRetry { get; set; } = DefaultStepFirstRetry;

    /// <summary>Attempts of a failing step (the first included) before the run reports a stall. Default 6 (about 2.5 minutes of retries).</summary>
    public int StepMaxAttempts { get; set; } = DefaultStepMaxAttempts;

    /// <summary>Longest wait between two attempts of a step. Default 5 minutes.</summary>
    public TimeSpan StepMaxRetryInterval { get; set; } = DefaultStepMaxRetryInterval;

    /// <summary>
    /// After a stall (a step failed all its attempts; an incident <c>run_stalled</c> and an error log
    /// say so), the run starts over after this wait (a durable timer, wall clock). Default 15 minutes.
    /// </summary>
    public TimeSpan StallBackoff { get; set; } = DefaultStallBackoff;

    public void Validate()
    {
        if (StepFirstRetry <= TimeSpan.Zero || StepMaxRetryInterval < StepFirstRetry || StallBackoff <= TimeSpan.Zero || StepMaxAttempts is < 1 or > 100)
        {
            throw new InvalidOperationException("Invoicing: StepFirstRetry and StallBackoff must be positive, StepMaxRetryInterval at least StepFirstRetry, StepMaxAttempts between 1 and 100.");
        }

        if (MinThresholdInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Invoicing:MinThresholdInterval must not be negative.");
        }

        if (PaymentRetryInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Invoicing:PaymentRetryInterval must be positive.");
        }

        if (MaxPaymentAttempts is < 1 or > 20)
        {
            throw new InvalidOperationException($"Invoicing:MaxPaymentAttempts must be between 1 and 20; got {MaxPaymentAttempts}.");
        }
    }
}
