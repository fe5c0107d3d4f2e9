using Billing.Domain.Invoicing;
using Billing.Domain.Periods;

namespace Billing.Stripe;

/// <summary>What a Stripe draft invoice is created from: who pays, in what currency, and what our invoice is.</summary>
/// <param name="InvoiceId">Our invoice id, written as metadata <c>invoice_id</c>.</param>
/// <param name="Period">The usage period the invoice bills (metadata <c>period_start</c>, <c>period_end</c>).</param>
/// <param name="Currency">Lower-case ISO code, as Stripe spells it.</param>
public sealed record StripeDraft(string InvoiceId, string CustomerId, string SubscriptionId, BillingReason Reason, BillingPeriod Period, string Currency)
{
    public static StripeDraft From(InvoiceDraft draft, string invoiceId)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new(invoiceId, draft.CustomerId, draft.SubscriptionId, draft.Reason, draft.Period, draft.Currency.Code);
    }
}
