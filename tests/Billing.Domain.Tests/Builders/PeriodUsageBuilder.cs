using Billing.Domain.Invoicing;
using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Builders;

/// <summary>Builds a <see cref="PeriodUsage"/>: quantities per meter and what was billed per price.</summary>
internal sealed class PeriodUsageBuilder(BillingPeriod period)
{
    private readonly Dictionary<string, decimal> quantities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BilledToDate> billed = new(StringComparer.Ordinal);

    public PeriodUsageBuilder WithUsage(string meterId, decimal quantity)
    {
        quantities[meterId] = quantity;
        return this;
    }

    /// <param name="amountMinor">What earlier invoices billed for the price, in minor units.</param>
    public PeriodUsageBuilder WithBilled(string priceId, decimal quantity, long amountMinor)
    {
        billed[priceId] = new BilledToDate(quantity, amountMinor);
        return this;
    }

    public PeriodUsage Build() => new(period, new Dictionary<string, decimal>(quantities), new Dictionary<string, BilledToDate>(billed));
}
