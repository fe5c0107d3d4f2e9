using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests;

/// <summary>
/// A meter event for tests, written as a JSON line or a CSV row, so that one list of events can be
/// sent through every input format.
/// </summary>
internal sealed record TestEvent(string EventName, DateTimeOffset At, string? Identifier, params (string Key, string Value)[] Payload)
{
    /// <summary>The CSV header that covers every payload key of <see cref="Billing.Testing.TestCatalogs.Standard"/>.</summary>
    public static readonly string[] CsvColumns = ["event_name", "timestamp", "identifier", "stripe_customer_id", "value", "user_id", "customer", "amount"];

    public static TestEvent Compute(string customer, string? identifier, DateTimeOffset at, string seconds) =>
        new("compute_seconds", at, identifier, ("stripe_customer_id", customer), ("value", seconds));

    public static TestEvent ApiCall(string customer, string? identifier, DateTimeOffset at) =>
        new("api_call", at, identifier, ("stripe_customer_id", customer));

    /// <summary>
    /// Event number <paramref name="k"/> of a deterministic mix over the customers cus_A, cus_B and
    /// cus_C and all six meters of the standard catalog; timestamps are distinct (one minute apart
    /// from the anchor), so <c>last</c> does not depend on commit order.
    /// </summary>
    public static TestEvent Mixed(int k)
    {
        var customer = (k % 3) switch { 0 => "cus_A", 1 => "cus_B", _ => "cus_C" };
        var at = Billing.Testing.TestCatalogs.Anchor.AddMinutes(k);
        var id = $"evt-{k}";
        return (k / 3 % 6) switch
        {
            0 => Compute(customer, id, at, Invariant((k % 17) + 0.25m)),
            1 => ApiCall(customer, id, at),
            2 => new("storage_gb", at, id, ("stripe_customer_id", customer), ("value", Invariant(k % 50))),
            3 => new("active_user", at, id, ("stripe_customer_id", customer), ("user_id", $"u{k % 40}")),
            4 => new("temperature", at, id, ("stripe_customer_id", customer), ("value", Invariant((k % 30) - 10))),
            _ => new("adjustment", at, id, ("customer", customer), ("amount", Invariant(((k % 9) - 4) * 1.5m))),
        };
    }

    public static IEnumerable<TestEvent> MixedRange(int from, int count) => Enumerable.Range(from, count).Select(Mixed);

    /// <summary>cus_A's compute_seconds events c-<paramref name="from"/>…, on 2026-01-05, event k worth k seconds.</summary>
    public static IEnumerable<TestEvent> ComputeSeries(int from, int count) =>
        Enumerable.Range(from, count).Select(k => Compute("cus_A", $"c-{k}", new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).AddMinutes(k), Invariant(k)));

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_name", EventName);
            json.WriteNumber("timestamp", At.ToUnixTimeSeconds());
            if (Identifier is not null)
            {
                json.WriteString("identifier", Identifier);
            }

            json.WriteStartObject("payload");
            foreach (var (key, value) in Payload)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A CSV row under <see cref="CsvColumns"/>; the timestamp as RFC 3339 text, every cell quoted.</summary>
    public string ToCsv()
    {
        var cells = CsvColumns.Select(column => column switch
        {
            "event_name" => EventName,
            "timestamp" => At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "identifier" => Identifier ?? string.Empty,
            _ => Payload.FirstOrDefault(p => p.Key == column).Value ?? string.Empty,
        });
        return string.Join(',', cells.Select(c => c.Length == 0 ? c : "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
