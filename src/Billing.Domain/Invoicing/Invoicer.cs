using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Builds invoices by the prefix rule: within one period every invoice bills
/// <c>round(price(cumulative usage)) − already billed</c> per line, so graduated tiers never
/// restart and a period's invoices always add up to the price of its total usage.
/// Lines with neither quantity nor amount are left out.
/// </summary>
public static class Invoicer
{
    /// <summary>The first invoice of a subscription: seats for period 0, in advance.</summary>
    public static InvoiceDraft Create(Subscription subscription)
    {
        var first = subscription.Schedule.PeriodAt(0);
        return Draft(subscription, BillingReason.SubscriptionCreate, first, SeatLines(subscription, first));
    }

    /// <summary>
    /// Unbilled amount, in minor units, of the threshold-eligible usage lines of
    /// <paramref name="current"/> (seats and non-monotonic lines excluded).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not a period of the subscription.</exception>
    public static long UnbilledEligibleMinor(Subscription subscription, PeriodUsage current)
    {
        IndexOfPeriod(subscription, current.Period, nameof(current));
        return UsageLines(subscription, current, eligibleOnly: true).Sum(l => l.AmountMinor);
    }

    /// <summary>
    /// The threshold invoice for <paramref name="current"/> when its unbilled eligible usage reaches
    /// the subscription's threshold; null otherwise. It bills everything unbilled, however far the
    /// usage overshoots, so one crossing yields one invoice.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not a period of the subscription.</exception>
    public static InvoiceDraft? Threshold(Subscription subscription, PeriodUsage current)
    {
        IndexOfPeriod(subscription, current.Period, nameof(current));
        var lines = UsageLines(subscription, current, eligibleOnly: true);
        return ThresholdPolicy.IsReached(subscription.ThresholdAmountGte, lines.Sum(l => l.AmountMinor))
            ? Draft(subscription, BillingReason.SubscriptionThreshold, current.Period, lines)
            : null;
    }

    /// <summary>
    /// The cycle invoice that closes <paramref name="ended"/>: its usage in arrears (everything the
    /// threshold invoices have not billed), seats for the next period in advance, and one line per
    /// price for each earlier, already invoiced period in <paramref name="late"/> whose usage changed.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A period is not one of the subscription's, a late period is not before <paramref name="ended"/>,
    /// or a late period is listed twice (its correction would be billed twice).
    /// </exception>
    public static InvoiceDraft Cycle(Subscription subscription, PeriodUsage ended, IReadOnlyList<PeriodUsage>? late = null)
    {
        var index = IndexOfPeriod(subscription, ended.Period, nameof(ended));
        var lines = new List<InvoiceLine>();
        var latePeriods = new HashSet<BillingPeriod>();
        foreach (var earlier in late ?? [])
        {
            IndexOfPeriod(subscription, earlier.Period, nameof(late));
            if (earlier.Period.Start >= ended.Period.Start)
            {
                throw new ArgumentException($"Late usage must belong to a period before {ended.Period}.", nameof(late));
            }

            if (!latePeriods.Add(earlier.Period))
            {
                throw new ArgumentException($"Late usage for {earlier.Period} is listed twice.", nameof(late));
            }

            lines.AddRange(UsageLines(subscription, earlier, eligibleOnly: false));
        }

        lines.AddRange(UsageLines(subscription, ended, eligibleOnly: false));
        lines.AddRange(SeatLines(subscription, subscription.Schedule.PeriodAt(index + 1)));
        return Draft(subscription, BillingReason.SubscriptionCycle, ended.Period, lines);
    }

    private static long IndexOfPeriod(Subscription subscription, BillingPeriod period, string paramName)
    {
        var index = subscription.Schedule.IndexOf(period.Start);
        if (index < 0 || subscription.Schedule.PeriodAt(index) != period)
        {
            throw new ArgumentException($"{period} is not a period of subscription {subscription.Id}.", paramName);
        }

        return index;
    }

    private static List<InvoiceLine> UsageLines(Subscription subscription, PeriodUsage usage, bool eligibleOnly)
    {
        var lines = new List<InvoiceLine>();
        foreach (var item in subscription.Items)
        {
            if (item.Meter is null || (eligibleOnly && !item.IsThresholdEligible))
            {
                continue;
            }

            var quantity = usage.QuantityOf(item.Meter.Id);
            var billed = usage.BilledFor(item.Price.Id);
            var breakdown = item.Price.PriceOf(quantity);
            var cumulative = new BilledToDate(quantity, breakdown.AmountMinor);
            var line = new InvoiceLine(
                item.Price.Id,
                item.Meter.Id,
                usage.Period,
                quantity - billed.Quantity,
                cumulative.AmountMinor - billed.AmountMinor,
                breakdown,
                cumulative);
            if (line.Quantity != 0 || line.AmountMinor != 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static IEnumerable<InvoiceLine> SeatLines(Subscription subscription, BillingPeriod period) =>
        from item in subscription.Items
        where item.Meter is null
        let breakdown = item.Price.PriceOf(item.Quantity)
        let line = new InvoiceLine(
            item.Price.Id,
            null,
            period,
            item.Quantity,
            breakdown.AmountMinor,
            breakdown,
            new BilledToDate(item.Quantity, breakdown.AmountMinor))
        where line.Quantity != 0 || line.AmountMinor != 0
        select line;

    private static InvoiceDraft Draft(Subscription subscription, BillingReason reason, BillingPeriod period, IEnumerable<InvoiceLine> lines) =>
        new(subscription.Id, subscription.CustomerId, reason, period, subscription.Currency, lines.ToArray());
}
