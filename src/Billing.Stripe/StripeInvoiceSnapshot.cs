namespace Billing.Stripe;

/// <summary>An invoice as Stripe holds it, for reconciliation with the ledger. Amounts in minor units.</summary>
public sealed record StripeInvoiceSnapshot(
    string Id,
    string Status,
    long Total,
    long AmountDue,
    long AmountPaid,
    IReadOnlyList<long> LineAmounts,
    IReadOnlyDictionary<string, string> Metadata)
{
    public int LineCount => LineAmounts.Count;
}
