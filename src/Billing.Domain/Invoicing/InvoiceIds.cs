using System.Globalization;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Our invoice ids, derived from what the invoice bills so that a repeated request finds the run
/// it already started: <c>{subscription}.{period start}.create</c>, <c>….cycle</c> and
/// <c>….threshold{n}</c> (n counts the subscription's runs).
/// </summary>
public static class InvoiceIds
{
    public static string For(string subscriptionId, long periodStart, BillingReason reason, long runNumber) => reason switch
    {
        BillingReason.SubscriptionCreate => string.Create(CultureInfo.InvariantCulture, $"{subscriptionId}.{periodStart}.create"),
        BillingReason.SubscriptionCycle => string.Create(CultureInfo.InvariantCulture, $"{subscriptionId}.{periodStart}.cycle"),
        BillingReason.SubscriptionThreshold => string.Create(CultureInfo.InvariantCulture, $"{subscriptionId}.{periodStart}.threshold{runNumber}"),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
