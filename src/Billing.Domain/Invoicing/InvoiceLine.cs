using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Invoicing;

/// <summary>
/// One invoice line. For usage, <see cref="Quantity"/> is the raw usage added since the line was
/// last billed and <see cref="AmountMinor"/> is <c>round(price(cumulative)) − already billed</c>,
/// so it can be negative (a credit) when a late correction prices lower.
/// </summary>
/// <param name="MeterId">The meter, or null for seats.</param>
/// <param name="Period">The period this line covers (seats: the period paid in advance).</param>
/// <param name="Breakdown">The price of the cumulative quantity, tier by tier.</param>
/// <param name="Cumulative">What will have been billed for this price and period once this line is.</param>
public sealed record InvoiceLine(
    string PriceId,
    string? MeterId,
    BillingPeriod Period,
    decimal Quantity,
    long AmountMinor,
    PriceBreakdown Breakdown,
    BilledToDate Cumulative);
