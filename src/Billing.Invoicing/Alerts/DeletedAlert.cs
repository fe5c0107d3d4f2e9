using System.Text.Json.Serialization;

namespace Billing.Invoicing.Alerts;

/// <summary><c>DELETE /api/alerts/{id}</c>'s answer.</summary>
public sealed record DeletedAlert(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("deleted")] bool Deleted);
