using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/invoiceitems</c>.</summary>
internal static class InvoiceItemEndpoints
{
    public static void MapInvoiceItems(this RouteGroupBuilder v1)
    {
        v1.MapPost("/invoiceitems", (HttpContext http, ApiPipeline pipeline, InvoiceItemOperations items) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoiceitems", items.Create));
    }
}
