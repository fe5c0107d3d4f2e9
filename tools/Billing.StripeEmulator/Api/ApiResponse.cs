namespace Billing.StripeEmulator.Api;

/// <summary>What an API handler answers: a status code and a Stripe object (or an error) to write as JSON.</summary>
internal sealed record ApiResponse(int StatusCode, object Body)
{
    public static ApiResponse Ok(object resource) => new(StatusCodes.Status200OK, resource);

    public static ApiResponse Error(int statusCode, ApiError error) => new(statusCode, new ErrorEnvelope(error));
}
