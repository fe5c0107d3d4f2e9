using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.State;

/// <summary>
/// The emulator's objects, in memory. Every read and write of them holds <see cref="Gate"/>: one
/// lock keeps the invoice totals, the customer balance and the event order consistent, and an
/// emulator is not where throughput matters. When the state is kept in a data folder, every change
/// also names what it changed (<see cref="Changed(CustomerRecord)"/> and its overloads), for the
/// journal to write; without one nothing is tracked.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly HashSet<CustomerRecord> changedCustomers = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<InvoiceItemRecord> changedItems = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<InvoiceRecord> changedInvoices = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> deletedInvoices = [];
    private readonly List<EventRecord> publishedEvents = [];
    private long sequence;

    public object Gate { get; } = new();

    public Dictionary<string, CustomerRecord> Customers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InvoiceRecord> Invoices { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InvoiceItemRecord> InvoiceItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether changes are tracked for a journal; set once, when the data folder is opened.</summary>
    public bool TracksChanges { get; set; }

    /// <summary>Creation order, for Stripe's newest-first lists when several objects share a second.</summary>
    public long NextSequence() => ++sequence;

    /// <summary>After a restart: the next object is numbered after <paramref name="last"/>.</summary>
    public void ContinueSequenceAfter(long last) => sequence = Math.Max(sequence, last);

    public void Changed(CustomerRecord customer)
    {
        if (TracksChanges)
        {
            changedCustomers.Add(customer);
        }
    }

    public void Changed(InvoiceItemRecord item)
    {
        if (TracksChanges)
        {
            changedItems.Add(item);
        }
    }

    /// <summary>The invoice and the customer whose balance and numbering its status changes touch.</summary>
    public void Changed(InvoiceRecord invoice)
    {
        if (TracksChanges)
        {
            changedInvoices.Add(invoice);
            if (Customers.TryGetValue(invoice.CustomerId, out var customer))
            {
                changedCustomers.Add(customer);
            }
        }
    }

    public void Published(EventRecord record)
    {
        if (TracksChanges)
        {
            publishedEvents.Add(record);
        }
    }

    /// <summary>Removes the invoice and its items, as if it had never been (a vanished Stripe object). Hold the gate.</summary>
    /// <returns>False when there is no such invoice.</returns>
    public bool Delete(string invoiceId)
    {
        if (!Invoices.Remove(invoiceId, out var invoice))
        {
            return false;
        }

        foreach (var line in invoice.Lines)
        {
            InvoiceItems.Remove(line.Id);
            changedItems.Remove(line);
        }

        changedInvoices.Remove(invoice);
        if (TracksChanges)
        {
            deletedInvoices.Add(invoiceId);
        }

        return true;
    }

    /// <summary>What changed since the last call, and forgets it. Hold the gate.</summary>
    public StoreChanges TakeChanges()
    {
        var changes = new StoreChanges(
            [.. changedCustomers.Where(c => Customers.ContainsKey(c.Id))],
            [.. changedItems.Where(i => InvoiceItems.ContainsKey(i.Id))],
            [.. changedInvoices.Where(i => Invoices.ContainsKey(i.Id))],
            [.. deletedInvoices],
            [.. publishedEvents]);
        changedCustomers.Clear();
        changedItems.Clear();
        changedInvoices.Clear();
        deletedInvoices.Clear();
        publishedEvents.Clear();
        return changes;
    }

    public void Clear()
    {
        Customers.Clear();
        Invoices.Clear();
        InvoiceItems.Clear();
        _ = TakeChanges();
    }
}
