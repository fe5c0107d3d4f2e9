using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Builds invoices by the prefix rule: within one period every invoice bills
/// <c>round(price(cumulative usage)) − already billed</c> per line, so graduated tiers never
/// restart and a period's invoices always add up to the price of its total usage.
/// Lines with neither quantity nor amount are left out. A line whose price is beyond the line
/// bound (<see cref="LineAmounts"/>) cannot be billed: it is left out too, and listed in
/// <see cref="InvoiceDraft.Unbillable"/> so the caller can report it; the rest of the invoice stands.
/// </summary>
public static class Invoicer
{
    /// <summary>The first invoice of a subscription: seats for period 0, in advance.</summary>
    public static InvoiceDraft Create(Subscription subscription)
    {
        var first = subscription.Schedule.PeriodAt(0);
        var lines = new DraftLines();
        SeatLines(subscription, first, lines);
        return Draft(subscription, BillingReason.SubscriptionCreate, first, lines);
    }

    /// <summary>
    /// Unbilled amount, in minor units, of the threshold-eligible usage lines of
    /// <paramref name="current"/> (seats and non-monotonic lines excluded).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not a period of the subscription.</exception>
    public static long UnbilledEligibleMinor(Subscription subscription, PeriodUsage current)
    {
        IndexOfPeriod(subscription, current.Period, nameof(current));
        var lines = new DraftLines();
        UsageLines(subscription, current, eligibleOnly: true, lines);
        return lines.Billable.Sum(l => l.AmountMinor);
    }

    /// <summary>
    /// The threshold invoice for <paramref name="current"/> when its unbilled eligible usage reaches
    /// the subscription's threshold; null otherwise. It bills everything unbilled, however far the
    /// usage overshoots, so one crossing yields one invoice. A line beyond the line bound neither
    /// counts nor is billed here: it is left to the cycle invoice, which reports it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="current"/> is not a period of the subscription.</exception>
    public static InvoiceDraft? Threshold(Subscription subscription, PeriodUsage current)
    {
        IndexOfPeriod(subscription, current.Period, nameof(current));
        var lines = new DraftLines();
        UsageLines(subscription, current, eligibleOnly: true, lines);
        lines.Unbillable.Clear();
        return ThresholdPolicy.IsReached(subscription.ThresholdAmountGte, lines.Billable.Sum(l => l.AmountMinor))
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
        var lines = new DraftLines();
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

            UsageLines(subscription, earlier, eligibleOnly: false, lines);
        }

        UsageLines(subscription, ended, eligibleOnly: false, lines);
        SeatLines(subscription, subscription.Schedule.PeriodAt(index + 1), lines);
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

    private static void UsageLines(Subscription subscription, PeriodUsage usage, bool eligibleOnly, DraftLines lines)
    {
        foreach (var item in subscription.Items)
        {
            if (item.Meter is null || (eligibleOnly && !item.IsThresholdEligible))
            {
                continue;
            }

            lines.Add(item.Price, item.Meter.Id, usage.Period, usage.QuantityOf(item.Meter.Id), usage.BilledFor(item.Price.Id));
        }
    }

    private static void SeatLines(Subscription subscription, BillingPeriod period, DraftLines lines)
    {
        foreach (var item in subscription.Items.Where(i => i.Meter is null))
        {
            lines.Add(item.Price, null, period, item.Quantity, BilledToDate.None);
        }
    }

    private static InvoiceDraft Draft(Subscription subscription, BillingReason reason, BillingPeriod period, DraftLines lines) =>
        new(subscription.Id, subscription.CustomerId, reason, period, subscription.Currency, lines.Billable.ToArray(), lines.Unbillable.ToArray());
}
