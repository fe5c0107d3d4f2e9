namespace Billing.StripeEmulator.State;

/// <summary>A customer as the emulator keeps it; mutated only under <see cref="EmulatorStore.Gate"/>.</summary>
internal sealed class CustomerRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required long Created { get; init; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    public required string InvoicePrefix { get; init; }

    public long NextInvoiceSequence { get; set; } = 1;

    /// <summary>Stripe's customer balance in minor units: negative is credit the customer has, positive is owed.</summary>
    public long Balance { get; set; }

    public PaymentOutcome PaymentOutcome { get; set; } = PaymentOutcome.Succeeds;
}
