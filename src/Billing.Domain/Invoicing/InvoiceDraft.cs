using Billing.Domain.Monetary;
using Billing.Domain.Periods;

namespace Billing.Domain.Invoicing;

/// <summary>An invoice as the domain computes it, before it is sent to Stripe.</summary>
/// <param name="Period">The usage period the invoice bills.</param>
public sealed record InvoiceDraft(
    string SubscriptionId,
    string CustomerId,
    BillingReason Reason,
    BillingPeriod Period,
    Currency Currency,
    IReadOnlyList<InvoiceLine> Lines)
{
    /// <summary>Sum of the line amounts, in minor units.</summary>
    public long TotalMinor => Lines.Sum(l => l.AmountMinor);
}
