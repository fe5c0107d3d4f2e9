using System.Net;
using System.Text.Json;

namespace Billing.Functions.Tests.Hosting;

/// <summary>GETs of the uploads API: the status and the parsed body.</summary>
internal static class UploadsApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(pathAndQuery, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The names of a page's files, in the order listed.</summary>
    public static string[] Names(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    /// <summary>The line numbers of a page of rejects, in the order listed.</summary>
    public static long[] Lines(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("line").GetInt64())];

    /// <summary>A page in one line: each item's <paramref name="key"/>, then "more" or "end" (<c>has_more</c>).</summary>
    public static string Page(JsonElement page, string key) =>
        string.Join(' ', page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty(key).ToString()))
        + (page.GetProperty("data").GetArrayLength() > 0 ? " " : string.Empty)
        + (page.GetProperty("has_more").GetBoolean() ? "more" : "end");

    public static (string Code, string Message) Error(JsonElement body) =>
        (body.GetProperty("error").GetProperty("code").GetString()!, body.GetProperty("error").GetProperty("message").GetString()!);
}
