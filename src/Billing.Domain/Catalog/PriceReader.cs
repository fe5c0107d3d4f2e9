using Billing.Domain.Monetary;
using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads <c>prices[]</c>: currency, charge model (per_unit with an optional package transform, or
/// tiered) and recurrence. Ids must be unique. Amounts are in the currency's minor units.
/// </summary>
internal static class PriceReader
{
    // object, active, nickname and product appear in Stripe's exports; accepted and not used.
    private static readonly string[] Fields =
    [
        "id", "object", "active", "nickname", "product", "currency", "unit_amount", "unit_amount_decimal",
        "billing_scheme", "tiers_mode", "tiers", "transform_quantity", "recurring",
    ];

    public static IReadOnlyList<PriceDraft> ReadAll(ObjectReader root, IReadOnlySet<string>? meterIds)
    {
        var ids = new UniqueNames("price id", root.Log);
        var drafts = new List<PriceDraft>();
        foreach (var price in root.Objects("prices", Fields) ?? [])
        {
            if (price is null)
            {
                continue;
            }

            var draft = Read(price, meterIds);
            ids.Claim(draft.Id, price.PathOf("id"));
            drafts.Add(draft);
        }

        return drafts;
    }

    private static PriceDraft Read(ObjectReader price, IReadOnlySet<string>? meterIds)
    {
        var id = price.String("id", required: true);
        var currency = ReadCurrency(price);
        var scheme = price.Has("billing_scheme") ? price.Choice("billing_scheme", StripeNames.BillingSchemes) : BillingScheme.PerUnit;
        decimal? unitAmount = null;
        TiersMode? tiersMode = null;
        IReadOnlyList<TierDraft> tiers = [];
        if (scheme == BillingScheme.PerUnit)
        {
            unitAmount = ReadPerUnit(price);
        }
        else if (scheme == BillingScheme.Tiered)
        {
            RefuseFields(price, "a tiered price takes its amounts from its tiers", "unit_amount", "unit_amount_decimal");
            tiersMode = price.Choice("tiers_mode", StripeNames.TiersModes, required: true);
            tiers = TierReader.ReadAll(price);
        }

        // An invalid billing_scheme (scheme null) skips the scheme's checks: they would only add noise.
        var transform = TransformReader.Read(price, scheme);
        var recurring = RecurringReader.Read(price, meterIds);
        return new PriceDraft(price.Path, id, currency, scheme, unitAmount, tiersMode, tiers, transform, recurring);
    }

    private static decimal? ReadPerUnit(ObjectReader price)
    {
        RefuseFields(price, "only applies to billing_scheme tiered", "tiers_mode", "tiers");
        if (!MinorAmount.IsGiven(price, "unit_amount"))
        {
            price.Error("unit_amount", "is required for billing_scheme per_unit (or unit_amount_decimal)");
            return null;
        }

        return MinorAmount.Read(price, "unit_amount");
    }

    private static Currency? ReadCurrency(ObjectReader price)
    {
        var code = price.String("currency", required: true);
        if (code is null)
        {
            return null;
        }

        if (!Currency.TryFromCode(code, out var currency))
        {
            price.Error("currency", $"unknown currency '{code}'; supported: {string.Join(", ", Currency.All.Select(c => c.Code))}");
            return null;
        }

        if (currency.Code != code)
        {
            price.Error("currency", $"must be lower case as Stripe writes it ('{currency.Code}'), got '{code}'");
            return null;
        }

        return currency;
    }

    private static void RefuseFields(ObjectReader price, string message, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (price.Has(field))
            {
                price.Error(field, message);
            }
        }
    }
}
