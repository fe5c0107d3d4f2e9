using Billing.Domain.Periods;

namespace Billing.Domain.Pricing;

/// <summary>Stripe's <c>recurring</c>: how often a price bills and what sets its quantity.</summary>
public sealed record Recurring
{
    public Recurring(BillingInterval interval, int intervalCount, UsageType usageType, string? meterId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalCount, 1);
        if ((usageType == UsageType.Metered) != (meterId is not null))
        {
            throw new ArgumentException("A metered price names exactly one meter; a licensed price names none.", nameof(meterId));
        }

        Interval = interval;
        IntervalCount = intervalCount;
        UsageType = usageType;
        MeterId = meterId;
    }

    public BillingInterval Interval { get; }

    public int IntervalCount { get; }

    public UsageType UsageType { get; }

    public string? MeterId { get; }
}
