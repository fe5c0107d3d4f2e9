using Billing.StripeEmulator.Api;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// How an invoice item (created by <c>POST /v1/invoiceitems</c> or as a line of
/// <c>POST /v1/invoices/{id}/add_lines</c>) is priced: a fixed <c>amount</c> in integer minor units,
/// or a unit price (minor units, possibly fractional) × <c>quantity</c> / <c>quantity_decimal</c>, that
/// product rounded once to an integer number of minor units, half away from zero.
/// </summary>
internal static class ItemPricing
{
    /// <summary>A fixed amount (negative for a credit); a quantity other than 1 is refused.</summary>
    public static (decimal Quantity, decimal UnitAmount, long Amount) Fixed(FormParameters p, long amount)
    {
        if (Quantity(p) is { } quantity && quantity != 1m)
        {
            throw ApiRequestException.Invalid(
                $"When {p.Param("amount")} is given, quantity must be 1; give a unit price with the quantity instead.", p.Param("quantity"));
        }

        return (1m, amount, amount);
    }

    /// <summary>The unit price × the quantity (1 when none is given), rounded once.</summary>
    public static (decimal Quantity, decimal UnitAmount, long Amount) PerUnit(FormParameters p, decimal unitAmount, string unitParam)
    {
        var quantity = Quantity(p) ?? 1m;
        try
        {
            var rounded = Math.Round(quantity * unitAmount, 0, MidpointRounding.AwayFromZero);
            return (quantity, unitAmount, decimal.ToInt64(rounded));
        }
        catch (OverflowException)
        {
            throw ApiRequestException.Invalid("The item's amount (quantity × unit price) is too large.", unitParam);
        }
    }

    /// <summary><c>quantity</c> or <c>quantity_decimal</c> (they must agree when both are given); null when neither is.</summary>
    public static decimal? Quantity(FormParameters p)
    {
        var whole = p.Long("quantity");
        var fractional = p.Decimal("quantity_decimal");
        if (whole is not null && fractional is not null && whole.Value != fractional.Value)
        {
            throw ApiRequestException.Invalid("quantity and quantity_decimal disagree; give only quantity_decimal.", p.Param("quantity"));
        }

        var quantity = fractional ?? whole;
        if (quantity < 0)
        {
            throw ApiRequestException.Invalid("Quantity must not be negative.", p.Param(fractional is null ? "quantity" : "quantity_decimal"));
        }

        return quantity;
    }

    /// <summary><c>period[start]</c> and <c>period[end]</c> (Unix seconds), both or neither; <paramref name="now"/> for both when neither is given.</summary>
    public static (long Start, long End) Period(FormParameters p, long now)
    {
        var start = p.Long("period[start]");
        var end = p.Long("period[end]");
        if ((start is null) != (end is null))
        {
            throw ApiRequestException.Invalid(
                "Give both period[start] and period[end], or neither.", p.Param(start is null ? "period[start]" : "period[end]"), ErrorCodes.ParameterMissing);
        }

        if (start is null)
        {
            return (now, now);
        }

        if (end < start)
        {
            throw ApiRequestException.Invalid("period[end] must not be before period[start].", p.Param("period[end]"));
        }

        return (start.Value, end!.Value);
    }
}
