using Billing.StripeEmulator.Hosting;
using Stripe;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>The real Stripe.net client, pointed at an emulator.</summary>
internal static class StripeClients
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <param name="maxNetworkRetries">Stripe.net's own retries (its default is 2); 0 so tests see every answer.</param>
    public static StripeClient For(StripeEmulatorServer server, int maxNetworkRetries = 0, string apiKey = StripeEmulatorServer.TestApiKey) =>
        new(new StripeClientOptions
        {
            ApiKey = apiKey,
            ApiBase = server.ApiBase,
            HttpClient = new SystemNetHttpClient(Http, maxNetworkRetries, enableTelemetry: false),
        });
}
