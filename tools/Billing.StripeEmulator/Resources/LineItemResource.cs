using System.Globalization;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Resources;

/// <summary>An invoice line (<c>"object": "line_item"</c>), amounts in minor units.</summary>
internal sealed record LineItemResource
{
    public required string Id { get; init; }

    public string Object => "line_item";

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string? Description { get; init; }

    public IReadOnlyList<object> DiscountAmounts => [];

    public bool Discountable => true;

    public IReadOnlyList<object> Discounts => [];

    public required string Invoice { get; init; }

    public bool Livemode => false;

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required LineParentResource Parent { get; init; }

    public required PeriodResource Period { get; init; }

    public IReadOnlyList<object> PretaxCreditAmounts => [];

    public required PricingResource Pricing { get; init; }

    /// <summary>The quantity truncated to an integer, as Stripe fills <c>quantity</c> from <c>quantity_decimal</c>.</summary>
    public required long Quantity { get; init; }

    public required string QuantityDecimal { get; init; }

    public required long Subtotal { get; init; }

    public IReadOnlyList<object> Taxes => [];

    public static LineItemResource From(InvoiceItemRecord item, InvoiceRecord invoice) => new()
    {
        Id = item.LineId,
        Amount = item.Amount,
        Currency = item.Currency,
        Description = item.Description,
        Invoice = invoice.Id,
        Metadata = new Dictionary<string, string>(item.Metadata, StringComparer.Ordinal),
        Parent = new LineParentResource(new InvoiceItemDetailsResource(item.Id, invoice.SubscriptionId)),
        Period = new PeriodResource(item.PeriodStart, item.PeriodEnd),
        Pricing = new PricingResource(item.UnitAmountDecimal.ToString(CultureInfo.InvariantCulture)),
        Quantity = (long)decimal.Truncate(item.Quantity),
        QuantityDecimal = item.Quantity.ToString(CultureInfo.InvariantCulture),
        Subtotal = item.Amount,
    };
}
