using Billing.Domain;
using Billing.Domain.Invoicing;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>
/// A period's metered lines as the usage API shows them (docs/contracts.md §2): per meter the raw
/// quantity, its price rounded once per line, billed and unbilled. Shared by the usage API and the
/// alert checks, so an alert compares exactly the numbers an admin reads.
/// </summary>
public static class UsageLines
{
    /// <param name="snapshot">The period's stored usage, for event counts; null when nothing was committed.</param>
    public static List<MeterUsageLine> Meters(Subscription subscription, UsageSnapshot? snapshot, PeriodUsage usage)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(usage);
        var meters = new List<MeterUsageLine>();
        foreach (var item in subscription.Items.Where(i => i.Meter is not null))
        {
            var meter = item.Meter!;
            var quantity = usage.QuantityOf(meter.Id);
            var billedAmount = usage.BilledFor(item.Price.Id).AmountMinor;
            var events = snapshot?.Meters.GetValueOrDefault(meter.Id)?.EventCount ?? 0;
            meters.Add(item.Price.Quote(quantity) switch
            {
                PriceQuote.Priced priced => new MeterUsageLine(
                    meter.Id, item.Price.Id, events, quantity, priced.AmountMinor, billedAmount, priced.AmountMinor - billedAmount, item.IsThresholdEligible, Error: null),

                // Shown with its quantity and the reason, never a 500: no invoice can bill it either (docs/contracts.md §2).
                PriceQuote.OutOfRange outOfRange => new MeterUsageLine(
                    meter.Id, item.Price.Id, events, quantity, Amount: null, billedAmount, Unbilled: null, item.IsThresholdEligible, new ErrorDetail(LineAmounts.OutOfRangeCode, outOfRange.Message)),
                var other => throw new InvalidOperationException($"Unknown price quote {other.GetType().Name}."),
            });
        }

        return meters;
    }

    /// <summary>The period's amount: its metered lines' amounts (seats excluded; a line beyond the line bound counts 0), minor units.</summary>
    public static long Amount(IEnumerable<MeterUsageLine> meters) => meters.Sum(m => m.Amount ?? 0);
}
