using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Invoicing.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/alerts</c> (function key): the body <c>{"subscription", "type", "meter", "gte"}</c>
/// is read here (at most <see cref="MaxBodyBytes"/>); the handler creates the rule. 400
/// <c>invalid_request</c> naming the field, 404 <c>subscription_not_found</c>, 409 <c>alert_exists</c>,
/// 400 <c>too_many_alerts</c>, 413 past the size.
/// </summary>
public sealed class AlertCreateFunction(CreateAlertHandler handler, HttpEdge edge)
{
    /// <summary>Four short fields: anything larger is not such a body.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private const string Shape = "{\"subscription\": \"sub_A\", \"type\": \"spend\" | \"usage\", \"meter\": \"…\" (usage only), \"gte\": 5000}";

    [Function("AlertCreate")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "alerts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => CreateAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        AlertBody? body;
        using (var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false))
        {
            if (bytes is null)
            {
                return HttpEdge.Error(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The body is larger than {MaxBodyBytes} bytes; it is {Shape}.");
            }

            try
            {
                body = bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? null : JsonSerializer.Deserialize<AlertBody>(bytes.Span, JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", $"The body must be a JSON object {Shape}: {e.Message}");
            }
        }

        if (body is null)
        {
            return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", $"The body must be a JSON object {Shape}.");
        }

        return await handler.HandleAsync(new CreateAlertRequest(body.Subscription, body.Type, body.Meter, body.Gte), cancellationToken).ConfigureAwait(false) switch
        {
            CreateAlertOutcome.Created created => TypedResults.Ok(created.Alert),
            CreateAlertOutcome.Invalid invalid => HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", invalid.Message),
            CreateAlertOutcome.UnknownSubscription unknown => HttpEdge.Error(StatusCodes.Status404NotFound, "subscription_not_found", unknown.Message),
            CreateAlertOutcome.Duplicate duplicate => HttpEdge.Error(StatusCodes.Status409Conflict, "alert_exists", duplicate.Message),
            CreateAlertOutcome.TooMany tooMany => HttpEdge.Error(StatusCodes.Status400BadRequest, "too_many_alerts", tooMany.Message),
            var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }
}
