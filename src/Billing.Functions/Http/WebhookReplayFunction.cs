using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Invoicing;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/test_helpers/webhooks/replay</c> (function key): the optional body
/// <c>{"since": &lt;Unix seconds&gt;}</c> is read here (at most <see cref="MaxBodyBytes"/>), the
/// handler reads Stripe's events back and applies those not applied yet.
/// </summary>
public sealed class WebhookReplayFunction(WebhookReplayHandler handler, HttpEdge edge)
{
    /// <summary>The body is one small object or nothing; anything larger is not one.</summary>
    public const int MaxBodyBytes = 4096;

    [Function("WebhookReplay")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "test_helpers/webhooks/replay")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => ReplayAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> ReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        WebhookReplayRequest? replay;
        using (var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false))
        {
            if (body is null)
            {
                return HttpEdge.Error(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The body is larger than {MaxBodyBytes} bytes; it is at most {{\"since\": <Unix seconds>}}.");
            }

            try
            {
                // No body, or JSON null: replay every event kept.
                replay = body.Span.Trim(" \t\r\n"u8).IsEmpty ? null : JsonSerializer.Deserialize<WebhookReplayRequest>(body.Span, JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", $"The body must be empty or a JSON object {{\"since\": <Unix seconds>}}: {e.Message}");
            }
        }

        return TypedResults.Ok(await handler.HandleAsync(replay?.Since, cancellationToken).ConfigureAwait(false));
    }
}
