using Billing.Domain.Periods;

namespace Billing.Domain.Invoicing;

/// <summary>
/// A line an invoice should carry but cannot: its price is beyond the line bound
/// (<see cref="Pricing.LineAmounts"/>). The invoice is issued without it, so what it would bill
/// stays unbilled; the caller reports it as an incident.
/// </summary>
/// <param name="MeterId">The meter, or null for seats.</param>
/// <param name="Period">The period the line covers.</param>
/// <param name="Quantity">The quantity that could not be priced: the period's cumulative usage, or the seats.</param>
/// <param name="Reason">The stable reason code, <see cref="Pricing.LineAmounts.OutOfRangeCode"/>.</param>
/// <param name="Message">Names the price, the quantity and the bound.</param>
public sealed record UnbillableLine(string PriceId, string? MeterId, BillingPeriod Period, decimal Quantity, string Reason, string Message);
