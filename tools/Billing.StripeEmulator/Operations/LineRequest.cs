namespace Billing.StripeEmulator.Operations;

/// <summary>
/// One line of an <c>add_lines</c> request, checked and priced but not yet added. Amounts in minor
/// units; <see cref="Currency"/> is the currency the line's <c>price_data</c> names (null for an
/// <c>amount</c> line, which takes the invoice's), checked against the invoice once it is found.
/// </summary>
internal sealed record LineRequest(
    long Amount,
    decimal Quantity,
    decimal UnitAmountDecimal,
    string? Description,
    long PeriodStart,
    long PeriodEnd,
    Dictionary<string, string> Metadata,
    string? Currency,
    string CurrencyParam);
