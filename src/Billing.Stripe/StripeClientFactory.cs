using Stripe;

namespace Billing.Stripe;

/// <summary>
/// Builds the Stripe.net client: its own retries (<see cref="StripeOptions.MaxNetworkRetries"/>, which
/// honour <c>Stripe-Should-Retry</c> and resend the same idempotency key) over an HTTP pipeline that
/// takes a token from a <see cref="TokenBucket"/> before every request, retries included.
/// </summary>
internal static class StripeClientFactory
{
    public static IStripeClient Create(StripeOptions options, TimeProvider timeProvider, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var limiter = new RateLimitingHandler(new TokenBucket(options.RequestsPerSecond, timeProvider))
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var http = new HttpClient(limiter) { Timeout = TimeSpan.FromSeconds(80) };
        var clientOptions = new StripeClientOptions
        {
            ApiKey = options.ApiKey,
            HttpClient = new SystemNetHttpClient(http, options.MaxNetworkRetries, enableTelemetry: false),
        };
        if (options.ApiBase is not null)
        {
            clientOptions.ApiBase = options.ApiBase.TrimEnd('/');
        }

        return new StripeClient(clientOptions);
    }
}
