using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>A price and two quantities, <see cref="Lower"/> ≤ <see cref="Upper"/>.</summary>
public sealed record PricedQuantities(Price Price, decimal Lower, decimal Upper)
{
    public override string ToString() => $"{Describe(Price.Model)} in {Price.Currency}; {Lower} ≤ {Upper}";

    internal static string Describe(PricingModel model) => model switch
    {
        PerUnitModel p => $"per_unit {p.UnitAmount.Amount}" + (p.Transform is { } t ? $" per {t.DivideBy} ({t.Round})" : string.Empty),
        TieredModel t => $"{t.Mode} [{string.Join(", ", t.Tiers.Select(x => $"(up_to {x.UpTo?.ToString() ?? "inf"}, {x.UnitAmount.Amount}, flat {x.FlatAmount.Amount})"))}]",
        _ => model.ToString(),
    };
}
