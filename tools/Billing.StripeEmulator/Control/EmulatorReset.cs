using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Idempotency;
using Billing.StripeEmulator.Operations;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Control;

/// <summary>
/// Forgets every object, event, idempotency key and request count, then seeds the configured
/// customers again: the emulator as if it had restarted empty (and so it stays across a restart when
/// it keeps its state in a data folder). The switches stay as they are.
/// </summary>
internal sealed class EmulatorReset(
    EmulatorStore store,
    EventLog events,
    WebhookQueue queue,
    IdempotencyStore idempotency,
    RequestCounter requests,
    CustomerOperations customers,
    EmulatorJournal journal,
    IOptions<StripeEmulatorOptions> options)
{
    public void Reset()
    {
        lock (store.Gate)
        {
            store.Clear();
            events.Clear();
            queue.Clear();
            idempotency.Clear();
            journal.Reset();
        }

        requests.Clear();
        SeedCustomers();
    }

    public void SeedCustomers()
    {
        foreach (var customer in options.Value.Customers)
        {
            customers.Seed(customer);
        }
    }
}
