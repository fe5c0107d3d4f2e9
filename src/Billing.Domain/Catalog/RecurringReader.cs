using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads a price's <c>recurring</c>. A metered price names exactly one known meter; a licensed
/// price (seats) names none.
/// </summary>
internal static class RecurringReader
{
    private static readonly string[] Fields = ["interval", "interval_count", "usage_type", "meter"];

    /// <param name="meterIds">The meters a price may name; null when the meters section could not be read (no check).</param>
    public static RecurringDraft? Read(ObjectReader price, IReadOnlySet<string>? meterIds)
    {
        if (!price.Has("recurring"))
        {
            price.Error("recurring", "is required: the catalog holds recurring prices only");
            return null;
        }

        var recurring = price.Object("recurring", Fields);
        if (recurring is null)
        {
            return null;
        }

        var interval = recurring.Choice("interval", StripeNames.Intervals, required: true);
        var usageType = recurring.Has("usage_type") ? recurring.Choice("usage_type", StripeNames.UsageTypes) : UsageType.Licensed;
        var meterId = recurring.String("meter");
        if (usageType == UsageType.Metered && !recurring.Has("meter"))
        {
            recurring.Error("meter", "is required for usage_type metered");
        }
        else if (usageType == UsageType.Metered && meterId is not null && meterIds?.Contains(meterId) == false)
        {
            recurring.Error("meter", $"unknown meter '{meterId}'");
        }
        else if (usageType == UsageType.Licensed && recurring.Has("meter"))
        {
            recurring.Error("meter", "only a price with usage_type metered names a meter");
        }

        return new RecurringDraft(interval, ReadIntervalCount(recurring), usageType, usageType == UsageType.Metered ? meterId : null);
    }

    private static int? ReadIntervalCount(ObjectReader recurring)
    {
        if (!recurring.Has("interval_count"))
        {
            return 1;
        }

        var count = recurring.Integer("interval_count");
        if (count is < 1 or > int.MaxValue)
        {
            recurring.Error("interval_count", $"must be a positive integer, got {count}");
            return null;
        }

        return (int?)count;
    }
}
