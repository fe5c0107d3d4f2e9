namespace Billing.Domain.Invoicing;

/// <summary>
/// An invoice and the state of the run that issues it (docs/invoicing.md). Amounts in minor units.
/// </summary>
/// <param name="Id">Deterministic: <c>{subscription}.{period start}.{create|cycle|threshold{n}}</c> (<see cref="InvoiceIds"/>).</param>
/// <param name="PeriodStart">The usage period the invoice bills, Unix seconds.</param>
/// <param name="Status">Our copy of Stripe's status; only moves forward (<see cref="InvoiceStatuses.Later"/>).</param>
/// <param name="Step">How far its run got.</param>
/// <param name="PaymentAttempts">Stripe's <c>attempt_count</c>, the highest seen.</param>
/// <param name="LastPaymentError">Why the last attempt failed; null when none failed or the invoice is paid.</param>
/// <param name="Version">
/// The store's token for the invoice as read or written (opaque: the adapter's ETag); null before
/// it is stored. Every write is conditional on it.
/// </param>
public sealed record Invoice(
    string Id,
    string Customer,
    string Subscription,
    BillingReason Reason,
    long PeriodStart,
    long PeriodEnd,
    string Currency,
    IReadOnlyList<BilledLine> Lines,
    InvoiceStatus Status,
    RunStep Step,
    string? StripeInvoiceId,
    int PaymentAttempts,
    string? LastPaymentError,
    DateTimeOffset? LastPaymentAttemptAt,
    DateTimeOffset CreatedAt,
    string? Version)
{
    /// <summary>When it was last written (the store's timestamp); <see cref="CreatedAt"/> before it is stored.</summary>
    public DateTimeOffset UpdatedAt { get; init; } = CreatedAt;

    /// <summary>
    /// Which Stripe invoice of ours this is: 1, or 2 once the first vanished at Stripe (deleted,
    /// voided) and the run superseded it. Part of every Stripe idempotency key after the first
    /// (<see cref="StepKey"/>), so the new invoice's requests are not answered with the old one's.
    /// </summary>
    public int StripeGeneration { get; init; } = 1;

    /// <summary>The Stripe invoice a superseding run replaced (vanished at Stripe); null when none was.</summary>
    public string? SupersededStripeInvoiceId { get; init; }

    /// <summary>
    /// Stripe's <c>hosted_invoice_url</c>, the customer's page for the invoice, learned when the run
    /// finalizes it or when reconciliation or a webhook reads it; null before that (a draft, or an
    /// invoice finalized before the link was recorded and not read from Stripe since).
    /// </summary>
    public string? HostedInvoiceUrl { get; init; }

    public long Total => Lines.Sum(l => l.Amount);

    /// <summary>The run still has steps to do.</summary>
    public bool InFlight => Step != RunStep.Completed;

    /// <summary>
    /// The step name from which the Stripe idempotency key <c>billing:{id}:{step}</c> is derived:
    /// <paramref name="step"/> itself for the first Stripe invoice, <c>{step}#{generation}</c> for a superseding one.
    /// </summary>
    public string StepKey(string step) => StripeGeneration == 1 ? step : $"{step}#{StripeGeneration}";
}
