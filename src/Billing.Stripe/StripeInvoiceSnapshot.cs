namespace Billing.Stripe;

/// <summary>An invoice as Stripe holds it, for reconciliation with the ledger. Amounts in minor units.</summary>
/// <param name="Customer">The Stripe customer id.</param>
/// <param name="AttemptCount">Payment attempts so far (Stripe's <c>attempt_count</c>).</param>
/// <param name="Lines">Every line, in Stripe's order (the order they were added), not only the ten Stripe embeds.</param>
/// <param name="HostedInvoiceUrl">Stripe's <c>hosted_invoice_url</c>: set once the invoice is finalized, null on a draft.</param>
public sealed record StripeInvoiceSnapshot(
    string Id,
    string Customer,
    string Status,
    long Total,
    long AmountDue,
    long AmountPaid,
    long AttemptCount,
    IReadOnlyList<StripeLineSnapshot> Lines,
    IReadOnlyDictionary<string, string> Metadata,
    string? HostedInvoiceUrl)
{
    public IReadOnlyList<long> LineAmounts => [.. Lines.Select(l => l.Amount)];

    public int LineCount => Lines.Count;
}
