using System.Net;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests.Clock;

/// <summary>Calls <c>POST /api/test_helpers/clock/advance</c> and the usage API, and reads the answers as JSON.</summary>
internal static class TestClockApi
{
    public const string Route = "/api/test_helpers/clock/advance";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<(HttpStatusCode Status, JsonElement Body)> AdvanceAsync(HttpClient client, DateTimeOffset frozenTime) =>
        PostAsync(client, $$"""{"frozen_time": {{frozenTime.ToUnixTimeSeconds()}}}""");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Route, content, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> NowAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/test_helpers/clock", Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    /// <summary>A customer's usage answer (<c>as_of</c>, the current period, …); asserts 200.</summary>
    public static async Task<JsonElement> UsageAsync(HttpClient client, string customer)
    {
        using var response = await client.GetAsync($"/api/customers/{customer}/usage", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    public static string ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;

    public static string ErrorMessage(JsonElement body) => body.GetProperty("error").GetProperty("message").GetString()!;
}
