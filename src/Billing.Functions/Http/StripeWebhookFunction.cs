using System.Text;
using Billing.Functions.Hosting;
using Billing.Invoicing;
using Billing.Stripe;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/stripe/webhook</c> (anonymous: the <c>Stripe-Signature</c> header authenticates it):
/// 413 over <see cref="StripeOptions.MaxWebhookBytes"/> (a larger declared length is refused
/// unread), 400 when the signature does not hold or the signed body is not an event (nothing
/// changes), 200 otherwise, unknown types included.
/// </summary>
public sealed class StripeWebhookFunction(StripeWebhookHandler handler, IOptions<StripeOptions> options, HttpEdge edge)
{
    [Function("StripeWebhook")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stripe/webhook")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => ApplyAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> ApplyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxWebhookBytes;
        string payload;
        using (var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false))
        {
            if (body is null)
            {
                return HttpEdge.Error(
                    StatusCodes.Status413PayloadTooLarge,
                    "request_too_large",
                    $"The webhook body is larger than {maxBytes} bytes, the most accepted (Stripe:MaxWebhookBytes); Stripe's events are far smaller.");
            }

            payload = Encoding.UTF8.GetString(body.Span);
        }

        var outcome = await handler.HandleAsync(new StripeWebhookRequest(payload, request.Headers["Stripe-Signature"].FirstOrDefault()), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            WebhookOutcome.Rejected rejected => HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_signature", rejected.Reason),
            WebhookOutcome.NotAnEvent notAnEvent => HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_event", notAnEvent.Reason),
            WebhookOutcome.Duplicate duplicate => TypedResults.Ok(new WebhookReceipt(duplicate.EventId, "duplicate")),
            WebhookOutcome.Applied applied => TypedResults.Ok(new WebhookReceipt(applied.EventId, "applied")),
            WebhookOutcome.Ignored ignored => TypedResults.Ok(new WebhookReceipt(ignored.EventId, "ignored")),
            _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }
}
