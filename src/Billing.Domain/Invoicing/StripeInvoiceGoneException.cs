namespace Billing.Domain.Invoicing;

/// <summary>
/// Our Stripe invoice is gone: Stripe answers 404 <c>resource_missing</c> for it (deleted, or a
/// Stripe account that forgot it, like an emulator restarted empty), or it was voided outside the
/// run. Thrown by <see cref="Ports.IStripeBilling"/> for any call about an existing Stripe invoice;
/// the invoice run turns it into an outcome (supersede once, then end visibly), so it is an
/// exception only at the port, where every call may meet it and no return type changes for it.
/// </summary>
public sealed class StripeInvoiceGoneException : Exception
{
    public StripeInvoiceGoneException(string stripeInvoiceId, string how, Exception? innerException = null)
        : base($"Stripe invoice {stripeInvoiceId} is gone ({how}).", innerException)
    {
        StripeInvoiceId = stripeInvoiceId;
        How = how;
    }

    public StripeInvoiceGoneException()
        : this("unknown", "unknown")
    {
    }

    public StripeInvoiceGoneException(string message)
        : this("unknown", message)
    {
    }

    public StripeInvoiceGoneException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string StripeInvoiceId { get; }

    /// <summary><c>missing</c> (404 resource_missing) or <c>void</c>.</summary>
    public string How { get; }
}
