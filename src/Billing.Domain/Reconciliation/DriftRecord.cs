namespace Billing.Domain.Reconciliation;

/// <summary>An invoice on which our ledger and Stripe disagree, as last compared.</summary>
public sealed record DriftRecord(
    string Customer,
    string InvoiceId,
    string? StripeInvoiceId,
    IReadOnlyList<DriftDifference> Differences,
    DateTimeOffset DetectedAt);
