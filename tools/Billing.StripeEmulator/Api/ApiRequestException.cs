namespace Billing.StripeEmulator.Api;

/// <summary>
/// A request refused before the endpoint started executing: bad or unknown parameters, or a
/// referenced object that does not exist. As at Stripe, such an answer is not saved under the
/// request's idempotency key, so the same key may be retried once the request is fixed.
/// </summary>
internal sealed class ApiRequestException(int statusCode, ApiError error) : Exception(error.Message)
{
    public int StatusCode { get; } = statusCode;

    public ApiError Error { get; } = error;

    public static ApiRequestException Invalid(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new ApiError(ErrorTypes.InvalidRequest, message, code, param));

    public static ApiRequestException Missing(string objectName, string id, string? param = null) =>
        new(StatusCodes.Status404NotFound, new ApiError(ErrorTypes.InvalidRequest, $"No such {objectName}: '{id}'", ErrorCodes.ResourceMissing, param));
}
