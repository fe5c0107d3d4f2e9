using Billing.Domain.Reconciliation;

namespace Billing.Domain.Ports;

/// <summary>
/// Invoices that left lines out because their price is beyond the line bound: one entry per
/// invoice, written the same again by a repeated run; only a person removes one.
/// </summary>
public interface IIncidentLog
{
    Task RecordAsync(IncidentRecord incident, CancellationToken cancellationToken);

    IAsyncEnumerable<IncidentRecord> ListAsync(CancellationToken cancellationToken);
}
