using System.Text.Json;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads a tiered price's <c>tiers[]</c> and checks the one tier convention: <c>up_to</c>
/// positive, inclusive and strictly increasing, exactly one open-ended tier (null or "inf"), last.
/// </summary>
internal static class TierReader
{
    private static readonly string[] Fields = ["up_to", "unit_amount", "unit_amount_decimal", "flat_amount", "flat_amount_decimal"];

    public static IReadOnlyList<TierDraft> ReadAll(ObjectReader price)
    {
        if (!price.Has("tiers"))
        {
            price.Error("tiers", "is required for billing_scheme tiered");
            return [];
        }

        var elements = price.Objects("tiers", Fields);
        if (elements is { Count: 0 })
        {
            price.Error("tiers", "needs at least one tier");
        }

        // Keep the positions (a non-object tier is null) so "last" means the last in the document.
        var tiers = (elements ?? []).Select(tier => tier is null ? null : Read(tier)).ToArray();
        CheckBounds(tiers, price.Log);
        return tiers.OfType<TierDraft>().ToArray();
    }

    private static TierDraft Read(ObjectReader tier)
    {
        var (isOpenEnded, upTo) = ReadUpTo(tier);
        if (!MinorAmount.IsGiven(tier, "unit_amount") && !MinorAmount.IsGiven(tier, "flat_amount"))
        {
            tier.Log.Add(tier.Path, "needs unit_amount or flat_amount (or their _decimal forms)");
        }

        var unitAmount = MinorAmount.Read(tier, "unit_amount") ?? 0m;
        var flatAmount = MinorAmount.Read(tier, "flat_amount") ?? 0m;
        return new TierDraft(tier.PathOf("up_to"), isOpenEnded, upTo, unitAmount, flatAmount);
    }

    private static (bool IsOpenEnded, decimal? UpTo) ReadUpTo(ObjectReader tier)
    {
        const string Expected = "must be a positive number, or null or \"inf\" for the last tier";
        if (!tier.Contains("up_to"))
        {
            tier.Error("up_to", "is required; use null or \"inf\" for the last tier");
            return (false, null);
        }

        switch (tier.KindOf("up_to"))
        {
            case null:
                return (true, null);
            case JsonValueKind.String:
                var text = tier.String("up_to", allowBlank: true);
                if (text == "inf")
                {
                    return (true, null);
                }

                if (text is not null)
                {
                    tier.Error("up_to", $"{Expected}, got \"{text}\"");
                }

                return (false, null);
            case JsonValueKind.Number:
                var upTo = tier.Decimal("up_to");
                if (upTo is <= 0)
                {
                    tier.Error("up_to", $"{Expected}, got {upTo}");
                    return (false, null);
                }

                return (false, upTo);
            default:
                tier.Error("up_to", Expected);
                return (false, null);
        }
    }

    private static void CheckBounds(IReadOnlyList<TierDraft?> tiers, ErrorLog log)
    {
        var openEnded = tiers.OfType<TierDraft>().Where(t => t.IsOpenEnded).ToArray();
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is not { } tier)
            {
                continue;
            }

            var last = i == tiers.Count - 1;
            if (tier.IsOpenEnded && openEnded.Length > 1 && !ReferenceEquals(tier, openEnded[0]))
            {
                log.Add(tier.UpToPath, $"only one tier may be open-ended; {openEnded[0].UpToPath} already is");
            }
            else if (tier.IsOpenEnded && openEnded.Length == 1 && !last)
            {
                log.Add(tier.UpToPath, "only the last tier may be open-ended");
            }
            else if (last && openEnded.Length == 0 && tier.UpTo is not null)
            {
                log.Add(tier.UpToPath, "the last tier must be open-ended (up_to null or \"inf\")");
            }

            if (i > 0 && tier.UpTo is { } upTo && tiers[i - 1]?.UpTo is { } previous)
            {
                if (upTo == previous)
                {
                    log.Add(tier.UpToPath, $"duplicate up_to {upTo}: the previous tier ends at the same quantity");
                }
                else if (upTo < previous)
                {
                    log.Add(tier.UpToPath, $"must be greater than the previous tier's up_to ({previous}); tiers are sorted by up_to");
                }
            }
        }
    }
}
