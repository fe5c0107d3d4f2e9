using Billing.Domain.Invoicing;

namespace Billing.Domain.Ports;

/// <summary>
/// Invoices with their runs' state, one run lock per subscription, and the ledger of what they
/// billed. Starting a run (lock taken + invoice inserted), recording it (ledger + step) and
/// completing it (invoice written + lock released) are each atomic and conditional on the
/// versions read, so at most one run per subscription is in flight and only that run writes its
/// subscription's ledger (docs/invoicing.md).
/// </summary>
public interface IInvoiceStore
{
    /// <summary>The subscription's run lock; a free one with no <see cref="RunLock.Version"/> when it was never taken.</summary>
    Task<RunLock> ReadLockAsync(string customer, string subscription, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock for <paramref name="invoice"/> and inserts it, atomically. Returns the invoice
    /// as stored (with its version), or null when the lock changed since <paramref name="free"/> was
    /// read or the invoice already exists (read again and decide again).
    /// </summary>
    Task<Invoice?> TryStartAsync(RunLock free, Invoice invoice, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="request"/> to the requests waiting for the run that holds
    /// <paramref name="busy"/> (once; it is written again when already there, so that a completion
    /// reading the lock before this call fails and reads it again). False when the lock changed since
    /// it was read (read again and decide again).
    /// </summary>
    Task<bool> TryWaitAsync(RunLock busy, InvoiceRunRequest request, CancellationToken cancellationToken);

    Task<Invoice?> GetAsync(string customer, string invoiceId, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="invoice"/> if it is still at its <see cref="Invoice.Version"/>; returns it with the new version, or null when it changed meanwhile.</summary>
    Task<Invoice?> TryReplaceAsync(Invoice invoice, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored invoice and writes it, reading and applying
    /// again when it changed meanwhile (a webhook, another driver of the run), so the change must be
    /// a function of the invoice alone. Returns it as written (or as found, when the change leaves it as it is).
    /// </summary>
    Task<Invoice> UpdateAsync(Invoice invoice, Func<Invoice, Invoice> change, CancellationToken cancellationToken);

    /// <summary>
    /// Records in the ledger what <paramref name="invoice"/> billed — per line, the cumulative
    /// quantity and amount of its price and period, as absolute values — and moves its run to
    /// <see cref="RunStep.Recorded"/>, atomically, failing if the invoice or a ledger entry changed
    /// since it was read. A driver holding a stale copy therefore writes nothing: the ledger never
    /// goes back. Returns the invoice as stored afterwards.
    /// </summary>
    Task<Invoice> RecordAsync(Invoice invoice, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the completed <paramref name="invoice"/> and releases the subscription's lock, atomically,
    /// dropping the requests of <see cref="RunLock.Waiting"/>: hand them on before calling this.
    /// False when either changed since it was read (read both again and try again).
    /// </summary>
    Task<bool> TryCompleteAsync(Invoice invoice, RunLock held, CancellationToken cancellationToken);

    /// <summary>A customer's invoices, or everyone's when <paramref name="customer"/> is null.</summary>
    IAsyncEnumerable<Invoice> ListAsync(string? customer, CancellationToken cancellationToken);

    /// <summary>Invoices whose run is in flight or whose status is not final yet: what reconciliation reads again.</summary>
    IAsyncEnumerable<Invoice> ListUnsettledAsync(CancellationToken cancellationToken);
}
