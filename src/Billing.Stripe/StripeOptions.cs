namespace Billing.Stripe;

/// <summary>Options of the Stripe gateway (configuration section <see cref="Section"/>). The key and secret are never logged.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Stripe's documented test-mode limit (live mode allows 100).</summary>
    public const double DefaultRequestsPerSecond = 25;

    public const int DefaultMaxNetworkRetries = 3;

    public static readonly TimeSpan DefaultWebhookTolerance = TimeSpan.FromSeconds(300);

    /// <summary>1 MiB: Stripe's events are a few kilobytes; an invoice with many lines stays well under it.</summary>
    public const int DefaultMaxWebhookBytes = 1024 * 1024;

    /// <summary>Secret API key (<c>sk_test_…</c> / <c>sk_live_…</c> / <c>rk_…</c>).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Webhook endpoint signing secret (<c>whsec_…</c>); may be empty when webhooks are not received.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Another API base, such as the emulator's <c>http://127.0.0.1:port</c>; Stripe's when null.</summary>
    public string? ApiBase { get; set; }

    /// <summary>Client-side limit on requests (retries included). Default 25 (test mode); 100 in live mode.</summary>
    public double RequestsPerSecond { get; set; } = DefaultRequestsPerSecond;

    /// <summary>Stripe.net's retries of 429, 5xx and network errors (it honours <c>Stripe-Should-Retry</c>). Default 3.</summary>
    public int MaxNetworkRetries { get; set; } = DefaultMaxNetworkRetries;

    /// <summary>Largest accepted age of a webhook's signature timestamp. Default 300 s.</summary>
    public TimeSpan WebhookTolerance { get; set; } = DefaultWebhookTolerance;

    /// <summary>
    /// Largest webhook body read, in bytes. A delivery that declares or turns out to be larger is
    /// refused (413) before its signature is checked, having read no more than this. Default 1 MiB.
    /// </summary>
    public int MaxWebhookBytes { get; set; } = DefaultMaxWebhookBytes;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey) ||
            !(ApiKey.StartsWith("sk_", StringComparison.Ordinal) || ApiKey.StartsWith("rk_", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("Stripe: ApiKey must be a secret or restricted key (sk_… or rk_…).");
        }

        if (ApiBase is not null && (!Uri.TryCreate(ApiBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException("Stripe: ApiBase must be an absolute http or https URL.");
        }

        if (!(RequestsPerSecond > 0) || double.IsInfinity(RequestsPerSecond))
        {
            throw new InvalidOperationException("Stripe: RequestsPerSecond must be positive.");
        }

        if (MaxNetworkRetries is < 0 or > 10)
        {
            throw new InvalidOperationException("Stripe: MaxNetworkRetries must be between 0 and 10.");
        }

        if (WebhookTolerance <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Stripe: WebhookTolerance must be positive.");
        }

        if (MaxWebhookBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new InvalidOperationException("Stripe: MaxWebhookBytes must be between 1024 (1 KiB) and 67108864 (64 MiB).");
        }
    }

    /// <summary>The settings without the key or the secret.</summary>
    public override string ToString() =>
        $"StripeOptions {{ ApiKey = {(ApiKey.Length == 0 ? "(none)" : "***")}, WebhookSecret = {(WebhookSecret.Length == 0 ? "(none)" : "***")}, " +
        $"ApiBase = {ApiBase ?? "(stripe)"}, RequestsPerSecond = {RequestsPerSecond}, MaxNetworkRetries = {MaxNetworkRetries}, WebhookTolerance = {WebhookTolerance}, MaxWebhookBytes = {MaxWebhookBytes} }}";
}
