using Billing.Domain.Periods;

namespace Billing.Domain.Invoicing;

/// <summary>
/// A subscription's usage in one period — the aggregated quantity per meter id — and what was
/// already billed for it per price id.
/// </summary>
public sealed record PeriodUsage(
    BillingPeriod Period,
    IReadOnlyDictionary<string, decimal> QuantityByMeter,
    IReadOnlyDictionary<string, BilledToDate> BilledByPrice)
{
    public decimal QuantityOf(string meterId) => QuantityByMeter.GetValueOrDefault(meterId);

    public BilledToDate BilledFor(string priceId) => BilledByPrice.GetValueOrDefault(priceId, BilledToDate.None);
}
