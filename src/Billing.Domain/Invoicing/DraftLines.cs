using System.Globalization;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Invoicing;

/// <summary>
/// The lines of an invoice draft being built (<see cref="Invoicer"/>), and those that cannot be
/// billed because their price or the line itself is beyond the line bound.
/// </summary>
internal sealed class DraftLines
{
    public List<InvoiceLine> Billable { get; } = [];

    public List<UnbillableLine> Unbillable { get; } = [];

    /// <summary>
    /// Adds the line that bills <c>round(price(<paramref name="quantity"/>)) − <paramref name="billed"/></c>,
    /// unless it has neither quantity nor amount; or, when the price or the line is beyond the
    /// line bound, records it as unbillable.
    /// </summary>
    public void Add(Price price, string? meterId, BillingPeriod period, decimal quantity, BilledToDate billed)
    {
        var quote = price.Quote(quantity);
        switch (quote)
        {
            case PriceQuote.OutOfRange outOfRange:
                Unbillable.Add(new UnbillableLine(price.Id, meterId, period, quantity, LineAmounts.OutOfRangeCode, outOfRange.Message));
                return;

            case PriceQuote.Priced priced:
                // Both terms are within the bound, so this cannot overflow; the difference can
                // still pass it when a meter that allows negatives swings from one end to the other.
                var amount = priced.AmountMinor - billed.AmountMinor;
                if (!LineAmounts.IsWithin(amount))
                {
                    Unbillable.Add(new UnbillableLine(price.Id, meterId, period, quantity, LineAmounts.OutOfRangeCode, string.Create(
                        CultureInfo.InvariantCulture,
                        $"price {price.Id}: the line would bill {amount} minor units ({priced.AmountMinor} for a quantity of {quantity}, less {billed.AmountMinor} already billed), beyond the largest line amount of {LineAmounts.Describe(price.Currency)} either way")));
                    return;
                }

                var line = new InvoiceLine(price.Id, meterId, period, quantity - billed.Quantity, amount, priced.Breakdown, new BilledToDate(quantity, priced.AmountMinor));
                if (line.Quantity != 0 || line.AmountMinor != 0)
                {
                    Billable.Add(line);
                }

                return;

            default:
                throw new InvalidOperationException($"Unknown price quote {quote.GetType().Name}.");
        }
    }
}
