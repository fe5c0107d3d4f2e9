namespace Billing.Domain.Pricing;

/// <summary>Stripe's <c>tiers_mode</c>.</summary>
public enum TiersMode
{
    /// <summary>Each tier prices the units that fall in it; tiers never restart.</summary>
    Graduated,

    /// <summary>The tier the total falls in prices every unit.</summary>
    Volume,
}
