namespace Billing.StripeEmulator.State;

/// <summary>
/// An invoice item; on a draft invoice it is one of its lines (<see cref="LineId"/>). Amounts are
/// integer minor units; <see cref="UnitAmountDecimal"/> is the sub-cent unit price it was priced with.
/// </summary>
internal sealed class InvoiceItemRecord
{
    public required string Id { get; init; }

    public required string LineId { get; init; }

    public required long Sequence { get; init; }

    public required string CustomerId { get; init; }

    public string? InvoiceId { get; set; }

    public required string Currency { get; init; }

    public required long Amount { get; init; }

    public required decimal Quantity { get; init; }

    public required decimal UnitAmountDecimal { get; init; }

    public string? Description { get; init; }

    public required long PeriodStart { get; init; }

    public required long PeriodEnd { get; init; }

    public required long Date { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }
}
