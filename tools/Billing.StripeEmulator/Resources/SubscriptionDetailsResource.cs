namespace Billing.StripeEmulator.Resources;

/// <summary>The subscription an invoice was created for (<c>parent.subscription_details</c>).</summary>
internal sealed record SubscriptionDetailsResource(string Subscription)
{
    public object? Metadata => null;
}
