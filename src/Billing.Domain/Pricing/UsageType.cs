namespace Billing.Domain.Pricing;

/// <summary>Stripe's <c>recurring.usage_type</c>.</summary>
public enum UsageType
{
    /// <summary>Seats: the quantity is set on the subscription item and billed in advance.</summary>
    Licensed,

    /// <summary>Usage: the quantity comes from a meter and is billed in arrears.</summary>
    Metered,
}
