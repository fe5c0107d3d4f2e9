namespace Billing.Domain.Catalog;

/// <summary>Stripe's <c>billing_scheme</c>; the domain expresses it as the pricing model's type.</summary>
internal enum BillingScheme
{
    PerUnit,
    Tiered,
}
