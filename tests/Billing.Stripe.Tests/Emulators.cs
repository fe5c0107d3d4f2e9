using System.Net.Http.Json;
using System.Text.Json;
using Billing.StripeEmulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Stripe;

namespace Billing.Stripe.Tests;

/// <summary>The gateway over the real Stripe.net client, pointed at an in-process emulator.</summary>
internal static class Emulators
{
    public static IStripeClient Client(StripeEmulatorServer server, int maxNetworkRetries = 0, double requestsPerSecond = 1000) =>
        StripeClientFactory.Create(
            new StripeOptions
            {
                ApiKey = StripeEmulatorServer.TestApiKey,
                ApiBase = server.ApiBase,
                MaxNetworkRetries = maxNetworkRetries,
                RequestsPerSecond = requestsPerSecond,
            },
            TimeProvider.System);

    public static StripeGateway Gateway(IStripeClient client) => new(client, NullLogger<StripeGateway>.Instance);

    /// <summary><c>GET /_emulator/requests</c>: how many faults of a kind (<c>429</c>, <c>500</c>) were injected.</summary>
    public static async Task<long> FaultsAsync(StripeEmulatorServer server, string fault)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var counts = await http.GetFromJsonAsync<JsonElement>("/_emulator/requests", TestContext.Current.CancellationToken);
        return counts.GetProperty("faults").TryGetProperty(fault, out var n) ? n.GetInt64() : 0;
    }
}
