using System.Text.Json.Serialization;
using Billing.Storage.Reconciliation;

namespace Billing.Functions.Invoicing;

/// <summary><c>GET /api/reconciliation</c>: every invoice on which our ledger and Stripe disagree.</summary>
public sealed class ReconciliationHandler(DriftStore drift)
{
    public async Task<ReconciliationView> HandleAsync(CancellationToken cancellationToken)
    {
        var list = new List<DriftView>();
        await foreach (var record in drift.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new DriftView(record.InvoiceId, record.Customer, record.StripeInvoiceId, record.Differences, record.DetectedAt.ToUnixTimeSeconds()));
        }

        return new ReconciliationView(list);
    }
}

/// <summary>The body of <c>GET /api/reconciliation</c>.</summary>
public sealed record ReconciliationView([property: JsonPropertyName("drift")] IReadOnlyList<DriftView> Drift);

/// <summary>One invoice's disagreements, as last compared (Unix seconds).</summary>
public sealed record DriftView(
    [property: JsonPropertyName("invoice")] string Invoice,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("stripe_invoice_id")] string? StripeInvoiceId,
    [property: JsonPropertyName("differences")] IReadOnlyList<DriftDifference> Differences,
    [property: JsonPropertyName("detected_at")] long DetectedAt);
