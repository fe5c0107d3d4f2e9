using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.State;

/// <summary>
/// What changed in the <see cref="EmulatorStore"/> since the journal last wrote: the objects as they
/// are now (written whole), the invoices deleted and the events published, in order.
/// </summary>
internal sealed record StoreChanges(
    IReadOnlyList<CustomerRecord> Customers,
    IReadOnlyList<InvoiceItemRecord> Items,
    IReadOnlyList<InvoiceRecord> Invoices,
    IReadOnlyList<string> DeletedInvoices,
    IReadOnlyList<EventRecord> Events)
{
    public bool IsEmpty => Customers.Count == 0 && Items.Count == 0 && Invoices.Count == 0 && DeletedInvoices.Count == 0 && Events.Count == 0;
}
