using Billing.Domain.Monetary;
using Billing.Domain.Periods;

namespace Billing.Domain.Invoicing;

/// <summary>An invoice as the domain computes it, before it is sent to Stripe.</summary>
/// <param name="Period">The usage period the invoice bills.</param>
/// <param name="Unbillable">Lines left out because their price is beyond the line bound; what they would bill stays unbilled.</param>
public sealed record InvoiceDraft(
    string SubscriptionId,
    string CustomerId,
    BillingReason Reason,
    BillingPeriod Period,
    Currency Currency,
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<UnbillableLine> Unbillable)
{
    /// <summary>Sum of the line amounts, in minor units.</summary>
    public long TotalMinor => Lines.Sum(l => l.AmountMinor);
}
