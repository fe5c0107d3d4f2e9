namespace Billing.Domain.Invoicing;

/// <summary>Stripe's spelling of <see cref="BillingReason"/>: subscription_create, subscription_threshold, subscription_cycle.</summary>
public static class BillingReasons
{
    public static string ToWire(this BillingReason reason) => reason switch
    {
        BillingReason.SubscriptionCreate => "subscription_create",
        BillingReason.SubscriptionThreshold => "subscription_threshold",
        BillingReason.SubscriptionCycle => "subscription_cycle",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static bool TryParse(string? wire, out BillingReason reason)
    {
        reason = wire switch
        {
            "subscription_create" => BillingReason.SubscriptionCreate,
            "subscription_threshold" => BillingReason.SubscriptionThreshold,
            "subscription_cycle" => BillingReason.SubscriptionCycle,
            _ => (BillingReason)(-1),
        };
        return reason >= 0;
    }
}
