namespace Billing.Domain.Invoicing;

/// <summary>
/// What earlier invoices billed for one price in one period: the raw usage quantity they covered
/// and the sum of their line amounts in minor units. The next invoice bills the difference.
/// </summary>
public readonly record struct BilledToDate(decimal Quantity, long AmountMinor)
{
    public static readonly BilledToDate None = new(0m, 0);
}
