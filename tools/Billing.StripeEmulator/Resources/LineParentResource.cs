namespace Billing.StripeEmulator.Resources;

/// <summary>What a line comes from: always an invoice item here (<c>invoice_item_details</c>).</summary>
internal sealed record LineParentResource(InvoiceItemDetailsResource InvoiceItemDetails)
{
    public string Type => "invoice_item_details";

    public object? SubscriptionItemDetails => null;
}
