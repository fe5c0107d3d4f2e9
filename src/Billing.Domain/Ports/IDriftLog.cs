using Billing.Domain.Reconciliation;

namespace Billing.Domain.Ports;

/// <summary>Invoices on which our ledger and Stripe disagree, as last compared: one entry per invoice.</summary>
public interface IDriftLog
{
    /// <summary>Replaces the invoice's entry.</summary>
    Task RecordAsync(DriftRecord drift, CancellationToken cancellationToken);

    /// <summary>Removes the invoice's entry, if any.</summary>
    Task ClearAsync(string customer, string invoiceId, CancellationToken cancellationToken);

    IAsyncEnumerable<DriftRecord> ListAsync(CancellationToken cancellationToken);
}
