using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// An <see cref="InvoiceRecord"/> in the state file. Its lines are named by invoice item id, in
/// order; the items themselves are <see cref="InvoiceItemState"/>s. Amounts in minor units, times in Unix seconds.
/// </summary>
internal sealed record InvoiceState(
    string Id,
    long Sequence,
    string CustomerId,
    string Currency,
    long Created,
    string CollectionMethod,
    bool AutoAdvance,
    string? Description,
    string? SubscriptionId,
    Dictionary<string, string> Metadata,
    string Status,
    List<string> Lines,
    string? Number,
    long StartingBalance,
    long? EndingBalance,
    long? FinalAmountDue,
    long AmountPaid,
    int AttemptCount,
    bool Attempted,
    long? FinalizedAt,
    long? PaidAt,
    long? VoidedAt,
    long? MarkedUncollectibleAt,
    string? HostedInvoiceUrl = null)
{
    public static InvoiceState From(InvoiceRecord i) => new(
        i.Id, i.Sequence, i.CustomerId, i.Currency, i.Created, i.CollectionMethod, i.AutoAdvance, i.Description, i.SubscriptionId,
        new Dictionary<string, string>(i.Metadata, StringComparer.Ordinal), i.Status.ToWire(), [.. i.Lines.Select(l => l.Id)], i.Number,
        i.StartingBalance, i.EndingBalance, i.FinalAmountDue, i.AmountPaid, i.AttemptCount, i.Attempted,
        i.FinalizedAt, i.PaidAt, i.VoidedAt, i.MarkedUncollectibleAt, i.HostedInvoiceUrl);

    /// <param name="item">The invoice item with an id; throws <see cref="FormatException"/> when there is none.</param>
    public InvoiceRecord ToRecord(Func<string, InvoiceItemRecord?> item)
    {
        var invoice = new InvoiceRecord
        {
            Id = Id,
            Sequence = Sequence,
            CustomerId = CustomerId,
            Currency = Currency,
            Created = Created,
            CollectionMethod = CollectionMethod,
            AutoAdvance = AutoAdvance,
            Description = Description,
            SubscriptionId = SubscriptionId,
            Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
            Status = InvoiceStatuses.TryParse(Status, out var status) ? status : throw new FormatException($"invoice {Id} has an unknown status '{Status}'"),
            Number = Number,
            StartingBalance = StartingBalance,
            EndingBalance = EndingBalance,
            FinalAmountDue = FinalAmountDue,
            AmountPaid = AmountPaid,
            AttemptCount = AttemptCount,
            Attempted = Attempted,
            FinalizedAt = FinalizedAt,
            PaidAt = PaidAt,
            VoidedAt = VoidedAt,
            MarkedUncollectibleAt = MarkedUncollectibleAt,
            HostedInvoiceUrl = HostedInvoiceUrl,
        };
        foreach (var id in Lines)
        {
            invoice.Lines.Add(item(id) ?? throw new FormatException($"invoice {Id} names invoice item {id}, which the file does not hold"));
        }

        return invoice;
    }
}
