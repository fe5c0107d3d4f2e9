using System.Globalization;
using System.Text;

namespace Billing.Testing;

/// <summary>Meter-event lines (JSONL) for tests.</summary>
public static class UsageEvents
{
    public static string Compute(string customer, string identifier, DateTimeOffset at, decimal seconds) =>
        Line("compute_seconds", identifier, at, $$"""{"stripe_customer_id":"{{customer}}","value":"{{seconds.ToString(CultureInfo.InvariantCulture)}}"}""");

    public static string ApiCall(string customer, string identifier, DateTimeOffset at) =>
        Line("api_call", identifier, at, $$"""{"stripe_customer_id":"{{customer}}"}""");

    public static string Line(string eventName, string? identifier, DateTimeOffset at, string payloadJson) =>
        identifier is null
            ? $$"""{"event_name":"{{eventName}}","timestamp":{{at.ToUnixTimeSeconds()}},"payload":{{payloadJson}}}"""
            : $$"""{"event_name":"{{eventName}}","timestamp":{{at.ToUnixTimeSeconds()}},"identifier":"{{identifier}}","payload":{{payloadJson}}}""";

    public static byte[] Jsonl(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
}
