using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/invoices</c>: create, read, list, lines, and the status changes.</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoices(this RouteGroupBuilder v1)
    {
        v1.MapPost("/invoices", (HttpContext http, ApiPipeline pipeline, InvoiceOperations invoices) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoices", invoices.Create));
        v1.MapGet("/invoices", (HttpContext http, ApiPipeline pipeline, InvoiceOperations invoices) =>
            pipeline.ExecuteAsync(http, "GET /v1/invoices", invoices.List));
        v1.MapGet("/invoices/{id}", (HttpContext http, ApiPipeline pipeline, InvoiceOperations invoices) =>
            pipeline.ExecuteAsync(http, "GET /v1/invoices/{id}", invoices.Retrieve));
        v1.MapGet("/invoices/{id}/lines", (HttpContext http, ApiPipeline pipeline, InvoiceOperations invoices) =>
            pipeline.ExecuteAsync(http, "GET /v1/invoices/{id}/lines", invoices.Lines));
        v1.MapPost("/invoices/{id}/finalize", (HttpContext http, ApiPipeline pipeline, InvoiceTransitions transitions) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoices/{id}/finalize", transitions.Finalize));
        v1.MapPost("/invoices/{id}/pay", (HttpContext http, ApiPipeline pipeline, InvoiceTransitions transitions) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoices/{id}/pay", transitions.Pay));
        v1.MapPost("/invoices/{id}/void", (HttpContext http, ApiPipeline pipeline, InvoiceTransitions transitions) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoices/{id}/void", transitions.Void));
        v1.MapPost("/invoices/{id}/mark_uncollectible", (HttpContext http, ApiPipeline pipeline, InvoiceTransitions transitions) =>
            pipeline.ExecuteAsync(http, "POST /v1/invoices/{id}/mark_uncollectible", transitions.MarkUncollectible));
    }
}
