using Billing.Domain.Invoicing;
using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Builders;

/// <summary>
/// What the storage layer keeps between invoices, reduced to the test's needs: per usage period
/// and price, the <see cref="InvoiceLine.Cumulative"/> of the last line billed. Seat lines are not
/// usage and are not recorded.
/// </summary>
internal sealed class BillingLedger
{
    private readonly Dictionary<BillingPeriod, Dictionary<string, BilledToDate>> billed = [];

    public void Record(InvoiceDraft invoice)
    {
        foreach (var line in invoice.Lines.Where(l => l.MeterId is not null))
        {
            if (!billed.TryGetValue(line.Period, out var byPrice))
            {
                billed[line.Period] = byPrice = new Dictionary<string, BilledToDate>(StringComparer.Ordinal);
            }

            byPrice[line.PriceId] = line.Cumulative;
        }
    }

    public BilledToDate BilledFor(BillingPeriod period, string priceId) =>
        billed.TryGetValue(period, out var byPrice) ? byPrice.GetValueOrDefault(priceId, BilledToDate.None) : BilledToDate.None;

    /// <summary>The usage of <paramref name="period"/> together with what this ledger says was billed for it.</summary>
    public PeriodUsage UsageOf(BillingPeriod period, IReadOnlyDictionary<string, decimal> quantityByMeter) =>
        new(
            period,
            new Dictionary<string, decimal>(quantityByMeter, StringComparer.Ordinal),
            billed.TryGetValue(period, out var byPrice)
                ? new Dictionary<string, BilledToDate>(byPrice, StringComparer.Ordinal)
                : new Dictionary<string, BilledToDate>(StringComparer.Ordinal));
}
