using System.Text.Json.Serialization;
using Billing.Domain.Reconciliation;

namespace Billing.Invoicing;

/// <summary>
/// An invoice that left lines out (docs/contracts.md §7): what they would bill is unbilled until
/// a person settles it. Times are Unix seconds.
/// </summary>
/// <param name="Invoice">Our invoice id; the invoice was issued without the lines, or not at all when they were all it had.</param>
public sealed record IncidentView(
    [property: JsonPropertyName("invoice")] string Invoice,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("lines")] IReadOnlyList<IncidentLineView> Lines,
    [property: JsonPropertyName("detected_at")] long DetectedAt)
{
    /// <summary><c>stripe_object_missing</c> or <c>run_stalled</c> for a run incident (no lines); absent for lines left out.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>What happened, for a person; absent for lines left out.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    public static IncidentView From(IncidentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.InvoiceId,
            record.Customer,
            record.Subscription,
            [.. record.Lines.Select(l => new IncidentLineView(l.Price, l.Meter, l.PeriodStart, l.PeriodEnd, l.Quantity, l.Reason, l.Message))],
            record.DetectedAt.ToUnixTimeSeconds())
        {
            Reason = record.Reason,
            Message = record.Message,
        };
    }
}
