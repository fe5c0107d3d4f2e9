using Billing.Functions.Hosting;
using Billing.Invoicing.Upcoming;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/invoices/upcoming?subscription=</c> (function key): the current period's cycle
/// invoice as it would be issued, status <c>preview</c>; 400 <c>invalid_request</c> without one
/// <c>subscription</c>, 404 <c>subscription_not_found</c>, 404 <c>invoice_upcoming_none</c> before
/// the subscription starts.
/// </summary>
public sealed class UpcomingInvoiceFunction(UpcomingInvoiceHandler handler, HttpEdge edge)
{
    [Function("UpcomingInvoice")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "invoices/upcoming")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var given = request.Query["subscription"];
        if (given.Count != 1 || string.IsNullOrEmpty(given[0]))
        {
            return Task.FromResult(HttpEdge.Error(
                StatusCodes.Status400BadRequest,
                "invalid_request",
                given.Count > 1
                    ? $"subscription is given {given.Count} times; give it once."
                    : "subscription is required: the id of the subscription whose upcoming invoice to preview (e.g. ?subscription=sub_A)."));
        }

        var subscription = given[0]!;
        return edge.GuardAsync(request, () => AnswerAsync(subscription, cancellationToken), cancellationToken);
    }

    private async Task<IResult> AnswerAsync(string subscription, CancellationToken cancellationToken) =>
        await handler.HandleAsync(subscription, cancellationToken).ConfigureAwait(false) switch
        {
            UpcomingInvoiceOutcome.Previewed previewed => TypedResults.Ok(previewed.Invoice),
            UpcomingInvoiceOutcome.NotFound missing => HttpEdge.Error(StatusCodes.Status404NotFound, "subscription_not_found", missing.Message),
            UpcomingInvoiceOutcome.None none => HttpEdge.Error(StatusCodes.Status404NotFound, "invoice_upcoming_none", none.Message),
            var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
}
