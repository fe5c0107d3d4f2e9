using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// <c>POST /api/webhook_endpoints</c>: registers an endpoint for some event types, with a fresh
/// id and signing secret. The secret is in this answer only; it is never listed or logged.
/// </summary>
public sealed partial class CreateWebhookEndpointHandler(IWebhookEndpointStore endpoints, WallClock wallClock, ILogger<CreateWebhookEndpointHandler> logger)
{
    /// <summary>Longest URL accepted.</summary>
    public const int MaxUrlLength = 2048;

    private static readonly string Types = string.Join(", ", OutboundEventTypes.All);

    public async Task<CreateWebhookEndpointOutcome> HandleAsync(CreateWebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UrlProblem(request.Url) is { } urlProblem)
        {
            return new CreateWebhookEndpointOutcome.Invalid(urlProblem);
        }

        if (EventsProblem(request.EnabledEvents) is { } eventsProblem)
        {
            return new CreateWebhookEndpointOutcome.Invalid(eventsProblem);
        }

        // A limit, not an identity: two creates racing at the limit may both pass, and an event's
        // transaction holds far more deliveries than this, so that is harmless.
        if ((await endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Count >= WebhookEndpoint.MaxEndpoints)
        {
            return new CreateWebhookEndpointOutcome.TooMany(
                $"{WebhookEndpoint.MaxEndpoints} webhook endpoints are registered, the most allowed; delete one (DELETE /api/webhook_endpoints/{{id}}) first.");
        }

        var enabled = request.EnabledEvents!.Distinct(StringComparer.Ordinal).Select(e => e!).ToArray();
        var endpoint = new WebhookEndpoint(EndpointCredentials.NewEndpointId(), request.Url!, enabled, EndpointCredentials.NewSecret(), wallClock.Time.GetUtcNow());
        await endpoints.AddAsync(endpoint, cancellationToken).ConfigureAwait(false);
        LogCreated(endpoint.Id, endpoint.Url, string.Join(",", endpoint.EnabledEvents));
        return new CreateWebhookEndpointOutcome.Created(CreatedWebhookEndpoint.From(endpoint));
    }

    private static string? UrlProblem(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "url is required: the absolute http or https URL events are POSTed to.";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"url is {url.Length} characters long; at most {MaxUrlLength} are accepted.";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? null
            : $"url must be an absolute http or https URL (https://example.com/billing/webhooks); got '{url}'.";
    }

    private static string? EventsProblem(IReadOnlyList<string?>? enabled)
    {
        if (enabled is null || enabled.Count == 0)
        {
            return $"enabled_events must list at least one event type ({Types}), or \"*\" for all.";
        }

        foreach (var type in enabled)
        {
            if (type is null || (type != OutboundEventTypes.Wildcard && !OutboundEventTypes.IsKnown(type)))
            {
                return $"enabled_events has {(type is null ? "null" : $"'{type}'")}, which is not an event type; they are {Types}, or \"*\" for all.";
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 465, Level = LogLevel.Information, Message = "Webhook endpoint {Endpoint} registered: {Url} for {EnabledEvents}")]
    private partial void LogCreated(string endpoint, string url, string enabledEvents);
}
