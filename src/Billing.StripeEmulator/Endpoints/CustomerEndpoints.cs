using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/customers</c>.</summary>
internal static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder v1)
    {
        v1.MapPost("/customers", (HttpContext http, ApiPipeline pipeline, CustomerOperations customers) =>
            pipeline.ExecuteAsync(http, "POST /v1/customers", customers.Create));
        v1.MapGet("/customers", (HttpContext http, ApiPipeline pipeline, CustomerOperations customers) =>
            pipeline.ExecuteAsync(http, "GET /v1/customers", customers.List));
        v1.MapGet("/customers/{id}", (HttpContext http, ApiPipeline pipeline, CustomerOperations customers) =>
            pipeline.ExecuteAsync(http, "GET /v1/customers/{id}", customers.Retrieve));
    }
}
