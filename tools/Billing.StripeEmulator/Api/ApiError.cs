namespace Billing.StripeEmulator.Api;

/// <summary>
/// Stripe's error object, written as <c>{"error": {...}}</c>. <see cref="Type"/> is one of
/// <c>invalid_request_error</c>, <c>card_error</c>, <c>idempotency_error</c>, <c>api_error</c>;
/// absent members are left out of the JSON, as Stripe does.
/// </summary>
internal sealed record ApiError(
    string Type,
    string Message,
    string? Code = null,
    string? Param = null,
    string? DeclineCode = null)
{
    /// <summary>Stripe's page about the error code, as Stripe links it from every error that has a code.</summary>
    public string? DocUrl => Code is null ? null : $"https://stripe.com/docs/error-codes/{Code.Replace('_', '-')}";
}
