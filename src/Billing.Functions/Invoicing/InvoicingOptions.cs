namespace Billing.Functions.Invoicing;

/// <summary>Settings under <c>Invoicing</c> (environment: <c>Invoicing__PaymentRetryInterval</c>, …).</summary>
public sealed class InvoicingOptions
{
    public const string Section = "Invoicing";
    public const int DefaultMaxPaymentAttempts = 4;
    public static readonly TimeSpan DefaultPaymentRetryInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan DefaultResumeRunsAfter = TimeSpan.FromMinutes(5);

    /// <summary>How long after a failed payment attempt the Reconcile timer tries again. Default 1 day.</summary>
    public TimeSpan PaymentRetryInterval { get; set; } = DefaultPaymentRetryInterval;

    /// <summary>Attempts (the first included) before an open invoice is left to the dunning process outside this app. Default 4.</summary>
    public int MaxPaymentAttempts { get; set; } = DefaultMaxPaymentAttempts;

    /// <summary>
    /// A run still in flight this long after it started is requested again by the Reconcile timer
    /// (its queue message may have been poisoned, e.g. by a long Stripe outage). Default 5 minutes,
    /// by the wall clock.
    /// </summary>
    public TimeSpan ResumeRunsAfter { get; set; } = DefaultResumeRunsAfter;

    public void Validate()
    {
        if (PaymentRetryInterval <= TimeSpan.Zero || ResumeRunsAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Invoicing: PaymentRetryInterval and ResumeRunsAfter must be positive.");
        }

        if (MaxPaymentAttempts is < 1 or > 20)
        {
            throw new InvalidOperationException($"Invoicing:MaxPaymentAttempts must be between 1 and 20; got {MaxPaymentAttempts}.");
        }
    }
}
