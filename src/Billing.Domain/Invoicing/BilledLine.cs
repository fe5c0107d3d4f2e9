namespace Billing.Domain.Invoicing;

/// <summary>
/// One line of an <see cref="Invoice"/>, frozen when its run is built. Amounts in minor units,
/// times in Unix seconds.
/// </summary>
/// <param name="Meter">Null for seats.</param>
/// <param name="Quantity">Raw usage (or seats) covered by this invoice.</param>
/// <param name="CumulativeQuantity">What the ledger holds for this price and period once the invoice is issued.</param>
/// <param name="CumulativeAmount">Likewise, the amount billed to date.</param>
public sealed record BilledLine(
    string Price,
    string? Meter,
    decimal Quantity,
    long Amount,
    long PeriodStart,
    long PeriodEnd,
    decimal CumulativeQuantity,
    long CumulativeAmount);
