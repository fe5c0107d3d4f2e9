using Billing.Domain.Monetary;
using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// A price as read; a null field was missing or invalid and an error was recorded.
/// <see cref="UnitAmountMinor"/> (per-unit prices) and tier amounts are in minor units.
/// </summary>
internal sealed record PriceDraft(
    string Path,
    string? Id,
    Currency? Currency,
    BillingScheme? Scheme,
    decimal? UnitAmountMinor,
    TiersMode? TiersMode,
    IReadOnlyList<TierDraft> Tiers,
    TransformDraft? Transform,
    RecurringDraft? Recurring)
{
    public bool IsMetered => Recurring?.UsageType == UsageType.Metered;
}
