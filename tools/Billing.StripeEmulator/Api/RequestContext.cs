namespace Billing.StripeEmulator.Api;

/// <summary>The API request an operation runs for; events name it in <c>request.id</c> and <c>request.idempotency_key</c>.</summary>
/// <param name="Origin">
/// The emulator's address as the client reached it (<c>http://127.0.0.1:port</c>), for the links it
/// hands out, such as <c>hosted_invoice_url</c>; null for changes made outside the API.
/// </param>
internal sealed record RequestContext(string RequestId, string? IdempotencyKey, string? Origin = null)
{
    /// <summary>For changes made through the control endpoints rather than the API.</summary>
    public static RequestContext None { get; } = new("", null);
}
