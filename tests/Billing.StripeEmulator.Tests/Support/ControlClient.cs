using System.Net.Http.Json;
using System.Text.Json;
using Billing.StripeEmulator.Hosting;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>Plain HTTP to the emulator's <c>/_emulator</c> control endpoints (not Stripe's API, so not through Stripe.net).</summary>
internal sealed class ControlClient(StripeEmulatorServer server) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = server.BaseAddress };

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        http.PostAsync(path, body is null ? null : JsonContent.Create(body), TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> DeleteAsync(string path) => http.DeleteAsync(path, TestContext.Current.CancellationToken);

    /// <summary><c>GET /_emulator/requests</c>: how many requests a route got.</summary>
    public async Task<long> RequestsAsync(string route)
    {
        var counts = await GetAsync("/_emulator/requests");
        return counts.GetProperty("by_route").TryGetProperty(route, out var n) ? n.GetInt64() : 0;
    }

    /// <summary><c>GET /_emulator/requests</c>: how many faults of a kind (<c>429</c>, <c>500</c>, <c>lost_response</c>) were injected.</summary>
    public async Task<long> FaultsAsync(string fault)
    {
        var counts = await GetAsync("/_emulator/requests");
        return counts.GetProperty("faults").TryGetProperty(fault, out var n) ? n.GetInt64() : 0;
    }

    public void Dispose() => http.Dispose();
}
