using System.Net;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests.Hosting;

/// <summary>Calls <c>POST /api/meter_events</c> and reads the answer as JSON (the contract's field names).</summary>
internal static class MeterEventsApi
{
    public const string Route = "/api/meter_events";

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string content)
    {
        using var body = new StringContent(content, Encoding.UTF8, "application/json");
        return await PostAsync(client, body);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, IEnumerable<TestEvent> events) =>
        PostAsync(client, "[" + string.Join(",", events.Select(e => e.ToJson())) + "]");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, HttpContent content)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.PostAsync(Route, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
