namespace Billing.StripeEmulator.Resources;

/// <summary>A line's link to the invoice item behind it.</summary>
internal sealed record InvoiceItemDetailsResource(string InvoiceItem, string? Subscription)
{
    public bool Proration => false;

    public ProrationDetailsResource ProrationDetails => new();
}
