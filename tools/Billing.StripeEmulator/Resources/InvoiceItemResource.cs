using System.Globalization;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Resources;

/// <summary>An invoice item (<c>"object": "invoiceitem"</c>), amounts in minor units.</summary>
internal sealed record InvoiceItemResource
{
    public required string Id { get; init; }

    public string Object => "invoiceitem";

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Customer { get; init; }

    public required long Date { get; init; }

    public required string? Description { get; init; }

    public bool Discountable => true;

    public IReadOnlyList<object> Discounts => [];

    public required string? Invoice { get; init; }

    public bool Livemode => false;

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required long NetAmount { get; init; }

    public object? Parent => null;

    public required PeriodResource Period { get; init; }

    public required PricingResource Pricing { get; init; }

    public bool Proration => false;

    public required long Quantity { get; init; }

    public required string QuantityDecimal { get; init; }

    public IReadOnlyList<object> TaxRates => [];

    public object? TestClock => null;

    public static InvoiceItemResource From(InvoiceItemRecord item) => new()
    {
        Id = item.Id,
        Amount = item.Amount,
        Currency = item.Currency,
        Customer = item.CustomerId,
        Date = item.Date,
        Description = item.Description,
        Invoice = item.InvoiceId,
        Metadata = new Dictionary<string, string>(item.Metadata, StringComparer.Ordinal),
        NetAmount = item.Amount,
        Period = new PeriodResource(item.PeriodStart, item.PeriodEnd),
        Pricing = new PricingResource(item.UnitAmountDecimal.ToString(CultureInfo.InvariantCulture)),
        Quantity = (long)decimal.Truncate(item.Quantity),
        QuantityDecimal = item.Quantity.ToString(CultureInfo.InvariantCulture),
    };
}
