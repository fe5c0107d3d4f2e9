using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Domain.SpendCaps;

/// <summary>
/// "The period's amount" that a spend cap is compared with: the price of the period's usage so
/// far, billed and unbilled, seats excluded, each line rounded once — the <c>amount</c> of the
/// usage API (docs/contracts.md §2), by the same <see cref="Price.Quote"/>. It needs no billed
/// ledger, only the period's aggregates. A line that prices beyond the line bound counts for
/// nothing, as in the usage API (no invoice can bill it).
/// </summary>
public static class PeriodSpend
{
    /// <param name="snapshot">The period's aggregates; null when nothing was committed (the amount is 0).</param>
    /// <returns>Minor units of the subscription's currency.</returns>
    public static long AmountMinor(Subscription subscription, UsageSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        long amount = 0;
        foreach (var item in subscription.Items)
        {
            if (item.Meter is not { } meter)
            {
                continue; // seats are billed in advance, not spent
            }

            if (item.Price.Quote(snapshot?.QuantityOf(meter.Id) ?? 0m) is PriceQuote.Priced priced)
            {
                amount += priced.AmountMinor;
            }
        }

        return amount;
    }
}
