using Billing.Domain.Invoicing;
using Billing.Domain.Periods;

namespace Billing.Stripe;

/// <summary>One invoice line as Stripe receives it: an amount in minor units (negative for a credit), described by its price, meter, quantity and period.</summary>
/// <param name="MeterId">Null for seats.</param>
public sealed record StripeLine(string PriceId, string? MeterId, BillingPeriod Period, decimal Quantity, long AmountMinor)
{
    public static StripeLine From(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(line.PriceId, line.MeterId, line.Period, line.Quantity, line.AmountMinor);
    }
}
