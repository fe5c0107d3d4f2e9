namespace Billing.Domain.Pricing;

/// <summary>
/// A quantity's price as an invoice line can bill it (<see cref="Price.Quote"/>): priced within
/// <see cref="LineAmounts.MaxMinor"/>, or out of range with the reason.
/// </summary>
public abstract record PriceQuote
{
    private PriceQuote()
    {
    }

    /// <summary>The quantity prices to <paramref name="AmountMinor"/>, rounded once, within the line bound.</summary>
    public sealed record Priced(PriceBreakdown Breakdown, long AmountMinor) : PriceQuote;

    /// <summary>
    /// The quantity prices beyond the line bound (or beyond what a decimal holds): no invoice line
    /// can bill it. <paramref name="Message"/> names the price, the quantity and the bound.
    /// </summary>
    public sealed record OutOfRange(decimal Quantity, string Message) : PriceQuote;
}
