using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/webhook_endpoints</c> (function key): the body <c>{"url", "enabled_events"}</c> is
/// read here (at most <see cref="MaxBodyBytes"/>); the handler registers the endpoint and answers it
/// with its secret, once. 400 <c>invalid_request</c> for a body or value that will not do, 400
/// <c>too_many_endpoints</c> at the limit, 413 past the size.
/// </summary>
public sealed class WebhookEndpointCreateFunction(CreateWebhookEndpointHandler handler, HttpEdge edge)
{
    /// <summary>A URL of at most 2,048 characters and a few event types: anything larger is not such a body.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [Function("WebhookEndpointCreate")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhook_endpoints")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => CreateAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        WebhookEndpointBody? body;
        using (var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false))
        {
            if (bytes is null)
            {
                return HttpEdge.Error(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The body is larger than {MaxBodyBytes} bytes; it is {{\"url\": \"https://…\", \"enabled_events\": [\"invoice.paid\", …]}}.");
            }

            try
            {
                body = bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? null : JsonSerializer.Deserialize<WebhookEndpointBody>(bytes.Span, JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", $"The body must be a JSON object {{\"url\": \"https://…\", \"enabled_events\": [\"invoice.paid\", …]}}: {e.Message}");
            }
        }

        if (body is null)
        {
            return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", "The body must be a JSON object {\"url\": \"https://…\", \"enabled_events\": [\"invoice.paid\", …]}.");
        }

        return await handler.HandleAsync(new CreateWebhookEndpointRequest(body.Url, body.EnabledEvents), cancellationToken).ConfigureAwait(false) switch
        {
            CreateWebhookEndpointOutcome.Created created => TypedResults.Ok(created.Endpoint),
            CreateWebhookEndpointOutcome.Invalid invalid => HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", invalid.Message),
            CreateWebhookEndpointOutcome.TooMany tooMany => HttpEdge.Error(StatusCodes.Status400BadRequest, "too_many_endpoints", tooMany.Message),
            var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }
}
