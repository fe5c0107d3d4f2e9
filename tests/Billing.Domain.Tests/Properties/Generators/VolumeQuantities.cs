namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>A volume price and two quantities (its own type so that it gets its own arbitrary).</summary>
public sealed record VolumeQuantities(PricedQuantities Case)
{
    public override string ToString() => Case.ToString();
}
