namespace Billing.Domain.Catalog;

/// <summary>Reads a price's <c>transform_quantity</c> (package pricing).</summary>
internal static class TransformReader
{
    private static readonly string[] Fields = ["divide_by", "round"];

    /// <summary>Null when the price has no transform (or it is not an object).</summary>
    public static TransformDraft? Read(ObjectReader price, BillingScheme? scheme)
    {
        var transform = price.Object("transform_quantity", Fields);
        if (transform is null)
        {
            return null;
        }

        // Stripe refuses the combination too: which quantity would the tiers see?
        if (scheme == BillingScheme.Tiered)
        {
            price.Error("transform_quantity", "cannot be combined with tiers; use it with billing_scheme per_unit");
        }

        var divideBy = transform.Integer("divide_by", required: true);
        if (divideBy is <= 0)
        {
            transform.Error("divide_by", $"must be a positive integer, got {divideBy}");
            divideBy = null;
        }

        var round = transform.Choice("round", StripeNames.Roundings, required: true);
        return new TransformDraft(divideBy, round);
    }
}
