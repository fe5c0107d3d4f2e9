namespace Billing.StripeEmulator.State;

/// <summary>An invoice as the emulator keeps it; mutated only under <see cref="EmulatorStore.Gate"/>.</summary>
internal sealed class InvoiceRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string CustomerId { get; init; }

    public required string Currency { get; init; }

    public required long Created { get; init; }

    public required string CollectionMethod { get; init; }

    public bool AutoAdvance { get; set; }

    public string? Description { get; init; }

    public string? SubscriptionId { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public InvoiceStatus Status { get; set; } = InvoiceStatus.Draft;

    public List<InvoiceItemRecord> Lines { get; } = [];

    public string? Number { get; set; }

    /// <summary>The customer balance applied at finalization (0 before).</summary>
    public long StartingBalance { get; set; }

    /// <summary>The customer balance left after this invoice, set at finalization; null on drafts.</summary>
    public long? EndingBalance { get; set; }

    /// <summary>Fixed at finalization; on a draft it follows the lines.</summary>
    public long? FinalAmountDue { get; set; }

    public long AmountPaid { get; set; }

    public int AttemptCount { get; set; }

    public bool Attempted { get; set; }

    public long? FinalizedAt { get; set; }

    /// <summary>Where the customer sees and pays it (<c>{emulator}/_emulator/hosted/{id}</c>), set at finalization as Stripe does; null on drafts.</summary>
    public string? HostedInvoiceUrl { get; set; }

    public long? PaidAt { get; set; }

    public long? VoidedAt { get; set; }

    public long? MarkedUncollectibleAt { get; set; }

    public long Subtotal => Lines.Sum(line => line.Amount);

    public long Total => Subtotal;

    public long AmountDue => FinalAmountDue ?? Math.Max(0, Total);

    public long AmountRemaining => AmountDue - AmountPaid;
}
