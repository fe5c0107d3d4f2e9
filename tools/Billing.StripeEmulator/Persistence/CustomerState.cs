using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Persistence;

/// <summary>A <see cref="CustomerRecord"/> in the state file; the balance in minor units.</summary>
internal sealed record CustomerState(
    string Id,
    long Sequence,
    long Created,
    string? Name,
    string? Email,
    string? Description,
    Dictionary<string, string> Metadata,
    string InvoicePrefix,
    long NextInvoiceSequence,
    long Balance,
    string PaymentOutcome)
{
    public static CustomerState From(CustomerRecord c) => new(
        c.Id, c.Sequence, c.Created, c.Name, c.Email, c.Description, new Dictionary<string, string>(c.Metadata, StringComparer.Ordinal),
        c.InvoicePrefix, c.NextInvoiceSequence, c.Balance, c.PaymentOutcome.ToWire());

    public CustomerRecord ToRecord() => new()
    {
        Id = Id,
        Sequence = Sequence,
        Created = Created,
        Name = Name,
        Email = Email,
        Description = Description,
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
        InvoicePrefix = InvoicePrefix,
        NextInvoiceSequence = NextInvoiceSequence,
        Balance = Balance,
        PaymentOutcome = PaymentOutcomes.TryParse(PaymentOutcome, out var outcome)
            ? outcome
            : throw new FormatException($"customer {Id} has an unknown payment_outcome '{PaymentOutcome}'"),
    };
}
