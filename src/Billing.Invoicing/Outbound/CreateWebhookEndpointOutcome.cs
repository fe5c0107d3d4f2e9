namespace Billing.Invoicing.Outbound;

/// <summary>What <c>POST /api/webhook_endpoints</c> came to.</summary>
public abstract record CreateWebhookEndpointOutcome
{
    private CreateWebhookEndpointOutcome()
    {
    }

    /// <summary>Registered; the answer carries the secret.</summary>
    public sealed record Created(CreatedWebhookEndpoint Endpoint) : CreateWebhookEndpointOutcome;

    /// <summary>A value is not acceptable; the message names the field (400 <c>invalid_request</c>).</summary>
    public sealed record Invalid(string Message) : CreateWebhookEndpointOutcome;

    /// <summary>As many endpoints as allowed are registered (400 <c>too_many_endpoints</c>).</summary>
    public sealed record TooMany(string Message) : CreateWebhookEndpointOutcome;
}
