using Billing.StripeEmulator.Api;

namespace Billing.StripeEmulator.Endpoints;

/// <summary>Any other <c>/v1</c> URL: Stripe's 404 for an unrecognized request URL.</summary>
internal static class UnknownEndpoint
{
    public static void MapUnknown(this RouteGroupBuilder v1)
    {
        v1.MapFallback((HttpContext http, ApiPipeline pipeline) =>
            pipeline.ExecuteAsync(http, "unrecognized", _ => throw new ApiRequestException(StatusCodes.Status404NotFound, new ApiError(
                ErrorTypes.InvalidRequest,
                $"Unrecognized request URL ({http.Request.Method}: {http.Request.Path}). The Stripe emulator covers customers, invoices, invoice items and events."))));
    }
}
