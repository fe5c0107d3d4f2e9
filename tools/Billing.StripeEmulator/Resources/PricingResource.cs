namespace Billing.StripeEmulator.Resources;

/// <summary>
/// How a line was priced. The emulator has no Price objects, so <c>price_details</c> is null;
/// <c>unit_amount_decimal</c> is the unit price in minor units as a decimal string, as Stripe writes it.
/// </summary>
internal sealed record PricingResource(string UnitAmountDecimal)
{
    public string Type => "price_details";

    public object? PriceDetails => null;
}
