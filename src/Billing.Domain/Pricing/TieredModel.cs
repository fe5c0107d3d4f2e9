namespace Billing.Domain.Pricing;

/// <summary>
/// <c>billing_scheme: tiered</c>. Tiers are sorted by inclusive <c>up_to</c>, strictly increasing,
/// positive, with exactly one open-ended tier, last; all amounts non-negative and of one currency.
/// </summary>
public sealed record TieredModel : PricingModel
{
    public TieredModel(TiersMode mode, IReadOnlyList<Tier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("A tiered price needs at least one tier.", nameof(tiers));
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var last = i == tiers.Count - 1;
            if (tier.IsOpenEnded != last)
            {
                throw new ArgumentException("Exactly one tier, the last, must be open-ended (up_to null).", nameof(tiers));
            }

            if (tier.UpTo is { } upTo && (upTo <= 0 || (i > 0 && upTo <= tiers[i - 1].UpTo)))
            {
                throw new ArgumentException($"Tier {i}: up_to must be positive and greater than the previous tier's.", nameof(tiers));
            }

            if (tier.UnitAmount.Amount < 0 || tier.FlatAmount.Amount < 0)
            {
                throw new ArgumentException($"Tier {i}: amounts cannot be negative.", nameof(tiers));
            }

            if (!tier.UnitAmount.Currency.Equals(tiers[0].UnitAmount.Currency) || !tier.FlatAmount.Currency.Equals(tier.UnitAmount.Currency))
            {
                throw new ArgumentException($"Tier {i}: all amounts must be in one currency.", nameof(tiers));
            }
        }

        Mode = mode;
        Tiers = tiers.ToArray();
    }

    public TiersMode Mode { get; }

    public IReadOnlyList<Tier> Tiers { get; }
}
