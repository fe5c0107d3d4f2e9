using Billing.Functions.Hosting;
using Billing.Invoicing.SpendCaps;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>PUT /api/subscriptions/{id}/spend_cap</c> (function key): sets the subscription's spend cap
/// over the catalog's, or removes it (<c>"amount": null</c>); answers the current period against it.
/// 400 <c>invalid_request</c> naming the field, 404 <c>subscription_not_found</c>, 413 past the size.
/// </summary>
public sealed class SpendCapFunction(SetSpendCapHandler handler, HttpEdge edge)
{
    /// <summary>One small number: anything larger is not such a body.</summary>
    public const int MaxBodyBytes = 1024;

    [Function("SpendCap")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "subscriptions/{id}/spend_cap")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => SetAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IResult> SetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        SpendCapBody? body;
        string? problem;
        using (var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false))
        {
            if (bytes is null)
            {
                return HttpEdge.Error(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The body is larger than {MaxBodyBytes} bytes; it is {{\"amount\": 5000}} or {{\"amount\": null}}.");
            }

            body = SpendCapBody.Parse(bytes.Span, out problem);
        }

        if (body is null)
        {
            return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem!);
        }

        return await handler.HandleAsync(id, body.Amount, cancellationToken).ConfigureAwait(false) is { } view
            ? TypedResults.Ok(view)
            : HttpEdge.Error(StatusCodes.Status404NotFound, "subscription_not_found", $"No subscription '{id}' in the catalog.");
    }
}
