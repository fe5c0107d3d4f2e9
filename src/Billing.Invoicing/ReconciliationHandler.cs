using System.Text.Json.Serialization;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;

namespace Billing.Invoicing;

/// <summary>
/// <c>GET /api/reconciliation</c>: every invoice on which our ledger and Stripe disagree, and every
/// invoice that left lines out because their price is beyond the line bound.
/// </summary>
public sealed class ReconciliationHandler(IDriftLog drift, IIncidentLog incidents)
{
    public async Task<ReconciliationView> HandleAsync(CancellationToken cancellationToken)
    {
        var list = new List<DriftView>();
        await foreach (var record in drift.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new DriftView(record.InvoiceId, record.Customer, record.StripeInvoiceId, record.Differences, record.DetectedAt.ToUnixTimeSeconds()));
        }

        var incidentList = new List<IncidentView>();
        await foreach (var record in incidents.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            incidentList.Add(IncidentView.From(record));
        }

        return new ReconciliationView(list, incidentList);
    }
}

/// <summary>The body of <c>GET /api/reconciliation</c>.</summary>
public sealed record ReconciliationView(
    [property: JsonPropertyName("drift")] IReadOnlyList<DriftView> Drift,
    [property: JsonPropertyName("incidents")] IReadOnlyList<IncidentView> Incidents);

/// <summary>One invoice's disagreements, as last compared (Unix seconds).</summary>
public sealed record DriftView(
    [property: JsonPropertyName("invoice")] string Invoice,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("stripe_invoice_id")] string? StripeInvoiceId,
    [property: JsonPropertyName("differences")] IReadOnlyList<DriftDifference> Differences,
    [property: JsonPropertyName("detected_at")] long DetectedAt);
