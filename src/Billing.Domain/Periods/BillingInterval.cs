namespace Billing.Domain.Periods;

/// <summary>Stripe's <c>recurring.interval</c>.</summary>
public enum BillingInterval
{
    Day,
    Week,
    Month,
    Year,
}
