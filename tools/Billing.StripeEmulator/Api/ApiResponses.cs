namespace Billing.StripeEmulator.Api;

/// <summary>Writes Stripe's JSON answers.</summary>
internal static class ApiResponses
{
    public static Task WriteErrorAsync(HttpContext http, int statusCode, ApiError error) =>
        WriteAsync(http, statusCode, StripeJson.Serialize(new ErrorEnvelope(error)));

    public static async Task WriteAsync(HttpContext http, int statusCode, byte[] body)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
