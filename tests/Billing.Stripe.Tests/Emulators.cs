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
        StripeClientFactory.Create(Options(server, maxNetworkRetries, requestsPerSecond), TimeProvider.System);

    public static StripeOptions Options(StripeEmulatorServer server, int maxNetworkRetries = 0, double requestsPerSecond = 1000) => new()
    {
        ApiKey = StripeEmulatorServer.TestApiKey,
        ApiBase = server.ApiBase,
        MaxNetworkRetries = maxNetworkRetries,
        RequestsPerSecond = requestsPerSecond,
    };

    public static StripeGateway Gateway(IStripeClient client) => new(client, NullLogger<StripeGateway>.Instance);

    /// <summary><c>GET /_emulator/requests</c>: how many faults of a kind (<c>429</c>, <c>500</c>) were injected.</summary>
    public static async Task<long> FaultsAsync(StripeEmulatorServer server, string fault) =>
        Count(await RequestCountsAsync(server), "faults", fault);

    /// <summary><c>GET /_emulator/requests</c>: how many requests a route (<c>POST /v1/invoices</c>) got, retries and refusals included.</summary>
    public static async Task<long> RequestsAsync(StripeEmulatorServer server, string route) =>
        Count(await RequestCountsAsync(server), "by_route", route);

    private static async Task<JsonElement> RequestCountsAsync(StripeEmulatorServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        return await http.GetFromJsonAsync<JsonElement>("/_emulator/requests", TestContext.Current.CancellationToken);
    }

    private static long Count(JsonElement counts, string group, string name) =>
        counts.GetProperty(group).TryGetProperty(name, out var n) ? n.GetInt64() : 0;
}
