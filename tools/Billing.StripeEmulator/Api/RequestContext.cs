namespace Billing.StripeEmulator.Api;

/// <summary>The API request an operation runs for; events name it in <c>request.id</c> and <c>request.idempotency_key</c>.</summary>
internal sealed record RequestContext(string RequestId, string? IdempotencyKey)
{
    /// <summary>For changes made through the control endpoints rather than the API.</summary>
    public static RequestContext None { get; } = new("", null);
}
