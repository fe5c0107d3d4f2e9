using Billing.StripeEmulator.Api;

namespace Billing.StripeEmulator.Endpoints;

/// <summary>
/// Maps one Stripe API route through the <see cref="ApiPipeline"/>, labelled (for request counts)
/// by its verb and pattern, e.g. <c>POST /v1/invoices/{id}/pay</c>.
/// </summary>
internal static class ApiRoutes
{
    public static void Post<TOperations>(this RouteGroupBuilder v1, string pattern, Func<TOperations, ApiHandler> handler)
        where TOperations : notnull =>
        v1.MapPost(pattern, (HttpContext http, ApiPipeline pipeline, TOperations operations) =>
            pipeline.ExecuteAsync(http, $"POST /v1{pattern}", handler(operations)));

    public static void Get<TOperations>(this RouteGroupBuilder v1, string pattern, Func<TOperations, ApiHandler> handler)
        where TOperations : notnull =>
        v1.MapGet(pattern, (HttpContext http, ApiPipeline pipeline, TOperations operations) =>
            pipeline.ExecuteAsync(http, $"GET /v1{pattern}", handler(operations)));
}
