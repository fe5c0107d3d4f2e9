using FsCheck;
using FsCheck.Fluent;

namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>Decimal generators shaped like usage and catalog values.</summary>
internal static class Decimals
{
    /// <summary>
    /// A non-negative value with up to <paramref name="maxPlaces"/> decimal places and a whole part
    /// up to <paramref name="maxWhole"/>.
    /// </summary>
    public static Gen<decimal> Upto(int maxWhole, int maxPlaces = 6) =>
        from whole in Gen.Choose(0, maxWhole)
        from places in Gen.Choose(0, maxPlaces)
        from fraction in Gen.Choose(0, Pow10(places) - 1)
        select whole + (fraction / (decimal)Pow10(places));

    /// <summary>
    /// A usage increment: non-negative, up to 6 decimal places, mostly small, sometimes zero and
    /// sometimes large (up to 10^9: large enough to cross every tier, small enough that the
    /// fixtures' prices of a period's total stay within the line bound, past which a line is left
    /// out of the invoice; InvoicerLineBoundTests cover that).
    /// </summary>
    public static Gen<decimal> Increment { get; } = Gen.Frequency(
        (1, Gen.Constant(0m)),
        (6, Upto(100)),
        (3, Upto(1_000_000)),
        (1, from millions in Gen.Choose(0, 1_000)
            from rest in Upto(999_999)
            select (millions * 1_000_000m) + rest));

    /// <summary>A strictly positive value with up to 6 decimal places.</summary>
    public static Gen<decimal> Positive(int maxWhole) => Upto(maxWhole).Select(d => d == 0m ? 0.000001m : d);

    private static int Pow10(int places)
    {
        var result = 1;
        for (var i = 0; i < places; i++)
        {
            result *= 10;
        }

        return result;
    }
}
