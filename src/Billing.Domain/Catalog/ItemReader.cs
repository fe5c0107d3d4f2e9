using Billing.Domain.Monetary;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads a subscription's <c>items[]</c>: each names a known price once; all items share one
/// currency and one billing interval, since one invoice bills them together.
/// </summary>
internal static class ItemReader
{
    private static readonly string[] Fields = ["price", "quantity"];

    /// <param name="prices">Known prices by id; null when the prices section could not be read (no check).</param>
    public static IReadOnlyList<ItemDraft> ReadAll(ObjectReader subscription, IReadOnlyDictionary<string, PriceDraft>? prices)
    {
        var elements = subscription.Objects("items", Fields, required: true);
        if (elements is { Count: 0 })
        {
            subscription.Error("items", "needs at least one item");
        }

        var priceIds = new UniqueNames("price", subscription.Log);
        var drafts = new List<ItemDraft>();
        (string Path, Currency Currency)? firstCurrency = null;
        (string Path, string Interval)? firstInterval = null;
        foreach (var item in elements ?? [])
        {
            if (item is null)
            {
                continue;
            }

            var pricePath = item.PathOf("price");
            var priceId = item.String("price", required: true);
            PriceDraft? price = null;
            if (priceId is not null && prices is not null && !prices.TryGetValue(priceId, out price))
            {
                item.Error("price", $"unknown price '{priceId}'");
            }

            var quantity = ReadQuantity(item, price);
            drafts.Add(new ItemDraft(pricePath, priceId, price?.Recurring?.MeterId, quantity));

            // A repeated price was just reported; checking it again would only repeat its problems.
            if (!priceIds.Claim(priceId, pricePath))
            {
                continue;
            }

            if (price?.Currency is { } currency)
            {
                firstCurrency ??= (pricePath, currency);
                if (!currency.Equals(firstCurrency.Value.Currency))
                {
                    item.Error("price", $"price '{priceId}' is in {currency} but {firstCurrency.Value.Path} is in {firstCurrency.Value.Currency}; a subscription bills in one currency");
                }
            }

            if (DescribeInterval(price) is { } interval)
            {
                firstInterval ??= (pricePath, interval);
                if (interval != firstInterval.Value.Interval)
                {
                    item.Error("price", $"price '{priceId}' bills every {interval} but {firstInterval.Value.Path} every {firstInterval.Value.Interval}; all items share one billing interval");
                }
            }
        }

        return drafts;
    }

    // Seats for licensed prices (default 1). A metered item's quantity comes from its meter, so
    // setting one would be silently ignored: refuse it instead.
    private static long ReadQuantity(ObjectReader item, PriceDraft? price)
    {
        if (!item.Has("quantity"))
        {
            return 1;
        }

        if (price is { IsMetered: true })
        {
            item.Error("quantity", "must be left out: a metered item's quantity comes from its meter");
            return 1;
        }

        var quantity = item.Integer("quantity");
        if (quantity < 0)
        {
            item.Error("quantity", $"cannot be negative, got {quantity}");
        }

        return quantity ?? 1;
    }

    private static string? DescribeInterval(PriceDraft? price) =>
        price?.Recurring is { Interval: { } interval, IntervalCount: { } count }
            ? $"{count} {StripeNames.Intervals.First(pair => pair.Value == interval).Key}"
            : null;
}
