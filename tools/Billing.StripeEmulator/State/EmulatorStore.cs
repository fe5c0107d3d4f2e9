namespace Billing.StripeEmulator.State;

/// <summary>
/// The emulator's objects, in memory. Every read and write of them holds <see cref="Gate"/>: one
/// lock keeps the invoice totals, the customer balance and the event order consistent, and an
/// emulator is not where throughput matters.
/// </summary>
internal sealed class EmulatorStore
{
    private long sequence;

    public object Gate { get; } = new();

    public Dictionary<string, CustomerRecord> Customers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InvoiceRecord> Invoices { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InvoiceItemRecord> InvoiceItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Creation order, for Stripe's newest-first lists when several objects share a second.</summary>
    public long NextSequence() => ++sequence;

    public void Clear()
    {
        Customers.Clear();
        Invoices.Clear();
        InvoiceItems.Clear();
    }
}
