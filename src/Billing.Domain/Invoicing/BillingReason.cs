namespace Billing.Domain.Invoicing;

/// <summary>Stripe's <c>billing_reason</c> for the invoices this system issues.</summary>
public enum BillingReason
{
    /// <summary>Seats for the first period, when a subscription starts.</summary>
    SubscriptionCreate,

    /// <summary>Usage billed early because it reached the threshold.</summary>
    SubscriptionThreshold,

    /// <summary>The ended period's usage in arrears plus the new period's seats in advance.</summary>
    SubscriptionCycle,
}
