using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Persistence;

/// <summary>An <see cref="InvoiceItemRecord"/> in the state file; amounts in minor units, the unit price as the exact decimal it was priced with.</summary>
internal sealed record InvoiceItemState(
    string Id,
    string LineId,
    long Sequence,
    string CustomerId,
    string? InvoiceId,
    string Currency,
    long Amount,
    decimal Quantity,
    decimal UnitAmountDecimal,
    string? Description,
    long PeriodStart,
    long PeriodEnd,
    long Date,
    Dictionary<string, string> Metadata)
{
    public static InvoiceItemState From(InvoiceItemRecord i) => new(
        i.Id, i.LineId, i.Sequence, i.CustomerId, i.InvoiceId, i.Currency, i.Amount, i.Quantity, i.UnitAmountDecimal,
        i.Description, i.PeriodStart, i.PeriodEnd, i.Date, new Dictionary<string, string>(i.Metadata, StringComparer.Ordinal));

    public InvoiceItemRecord ToRecord() => new()
    {
        Id = Id,
        LineId = LineId,
        Sequence = Sequence,
        CustomerId = CustomerId,
        InvoiceId = InvoiceId,
        Currency = Currency,
        Amount = Amount,
        Quantity = Quantity,
        UnitAmountDecimal = UnitAmountDecimal,
        Description = Description,
        PeriodStart = PeriodStart,
        PeriodEnd = PeriodEnd,
        Date = Date,
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
    };
}
