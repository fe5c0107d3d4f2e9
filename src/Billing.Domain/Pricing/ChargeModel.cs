using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>One charge model as <see cref="ChargeModels"/> decides it: whether it is monotonic, and how it prices.</summary>
internal sealed record ChargeModel(bool IsMonotonic, Func<PricingModel, decimal, Currency, PriceBreakdown> Price);
