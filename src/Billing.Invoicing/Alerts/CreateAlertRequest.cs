using System.Text.Json;

namespace Billing.Invoicing.Alerts;

/// <summary>The fields of <c>POST /api/alerts</c> as given (null: absent); the handler checks them.</summary>
/// <param name="Gte">The JSON value as sent: only a number will do.</param>
public sealed record CreateAlertRequest(string? Subscription, string? Type, string? Meter, JsonElement? Gte);
