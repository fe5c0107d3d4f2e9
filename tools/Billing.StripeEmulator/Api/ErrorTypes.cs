namespace Billing.StripeEmulator.Api;

/// <summary>Stripe's error <c>type</c> values.</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Card = "card_error";
    public const string Idempotency = "idempotency_error";
    public const string Api = "api_error";
}
