using Billing.StripeEmulator.Idempotency;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// The state a file describes, built by applying its entries in order (each in the order
/// <see cref="StateEntry"/> documents), then loaded into the emulator's stores.
/// </summary>
internal sealed class StateImage
{
    private readonly Dictionary<string, CustomerState> customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvoiceItemState> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvoiceState> invoices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventState> events = new(StringComparer.Ordinal);
    private readonly List<string> eventOrder = [];
    private readonly Dictionary<(string Account, string Key), IdempotencyState> keys = [];

    // A delivery can be attempted before the change that published its event is written (the
    // dispatcher does not wait for the journal): such attempts wait here for their event.
    private readonly Dictionary<string, List<AttemptState>> earlyAttempts = new(StringComparer.Ordinal);

    public void Apply(StateEntry entry)
    {
        if (entry.Reset == true)
        {
            customers.Clear();
            items.Clear();
            invoices.Clear();
            events.Clear();
            eventOrder.Clear();
            keys.Clear();
            earlyAttempts.Clear();
        }

        foreach (var customer in entry.Customers ?? [])
        {
            customers[customer.Id] = customer;
        }

        foreach (var item in entry.Items ?? [])
        {
            items[item.Id] = item;
        }

        foreach (var invoice in entry.Invoices ?? [])
        {
            invoices[invoice.Id] = invoice;
        }

        foreach (var id in entry.DeletedInvoices ?? [])
        {
            if (invoices.Remove(id, out var deleted))
            {
                foreach (var line in deleted.Lines)
                {
                    items.Remove(line);
                }
            }
        }

        foreach (var e in entry.Events ?? [])
        {
            if (events.TryAdd(e.Id, e))
            {
                eventOrder.Add(e.Id);
            }

            if (earlyAttempts.Remove(e.Id, out var early))
            {
                e.Attempts.AddRange(early);
            }
        }

        foreach (var attempt in entry.Attempts ?? [])
        {
            if (events.TryGetValue(attempt.Event, out var e))
            {
                e.Attempts.Add(attempt.Attempt);
            }
            else
            {
                earlyAttempts.TryAdd(attempt.Event, []);
                earlyAttempts[attempt.Event].Add(attempt.Attempt);
            }
        }

        foreach (var id in entry.GaveUp ?? [])
        {
            if (events.TryGetValue(id, out var e))
            {
                events[id] = e with { GaveUp = true };
            }
        }

        foreach (var key in entry.Idempotency ?? [])
        {
            keys[(key.Account, key.Key)] = key;
        }
    }

    /// <summary>Fills the empty stores; throws <see cref="FormatException"/> when the objects do not fit together.</summary>
    public void LoadInto(EmulatorStore store, EventLog log, IdempotencyStore idempotency)
    {
        var last = 0L;
        foreach (var state in customers.Values)
        {
            store.Customers.Add(state.Id, state.ToRecord());
            last = Math.Max(last, state.Sequence);
        }

        foreach (var state in items.Values)
        {
            store.InvoiceItems.Add(state.Id, state.ToRecord());
            last = Math.Max(last, state.Sequence);
        }

        foreach (var state in invoices.Values)
        {
            if (!store.Customers.ContainsKey(state.CustomerId))
            {
                throw new FormatException($"invoice {state.Id} belongs to customer {state.CustomerId}, which the file does not hold");
            }

            store.Invoices.Add(state.Id, state.ToRecord(id => store.InvoiceItems.GetValueOrDefault(id)));
            last = Math.Max(last, state.Sequence);
        }

        store.ContinueSequenceAfter(last);
        foreach (var id in eventOrder)
        {
            log.Add(events[id].ToRecord());
        }

        foreach (var key in keys.Values)
        {
            idempotency.Restore(key);
        }
    }

    /// <summary>The whole state of the stores, as the entry that follows the header. Hold the store's gate.</summary>
    public static StateEntry Capture(EmulatorStore store, EventLog log, IdempotencyStore idempotency) => new()
    {
        Customers = [.. store.Customers.Values.OrderBy(c => c.Sequence).Select(CustomerState.From)],
        Items = [.. store.InvoiceItems.Values.OrderBy(i => i.Sequence).Select(InvoiceItemState.From)],
        Invoices = [.. store.Invoices.Values.OrderBy(i => i.Sequence).Select(InvoiceState.From)],
        Events = [.. log.All().Select(EventState.From)],
        Idempotency = [.. idempotency.Answered()],
    };
}
