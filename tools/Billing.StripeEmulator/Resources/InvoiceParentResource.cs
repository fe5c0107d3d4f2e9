namespace Billing.StripeEmulator.Resources;

/// <summary>An invoice's parent; since API version 2025-03-31 the subscription lives here, not at the top level.</summary>
internal sealed record InvoiceParentResource(SubscriptionDetailsResource SubscriptionDetails)
{
    public string Type => "subscription_details";

    public object? QuoteDetails => null;
}
