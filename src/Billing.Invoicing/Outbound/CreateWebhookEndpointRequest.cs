namespace Billing.Invoicing.Outbound;

/// <summary>The body of <c>POST /api/webhook_endpoints</c> as the HTTP edge read it; the handler judges the values.</summary>
/// <param name="Url">Where to POST events: an absolute http or https URL.</param>
/// <param name="EnabledEvents">The event types to send, or <c>*</c>.</param>
public sealed record CreateWebhookEndpointRequest(string? Url, IReadOnlyList<string?>? EnabledEvents);
