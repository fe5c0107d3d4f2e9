using System.Globalization;

namespace Billing.Cli.Upload;

/// <summary>
/// Generates fresh sample usage for the customers of <c>samples/catalog.json</c>: 52 valid events
/// spread over the ten minutes before now, plus one repeated identifier (a duplicate: the first
/// wins) and one negative value (rejected as <c>negative_value</c>), so that a run shows both.
/// A committed file cannot serve: events older than 35 days are refused
/// (<c>timestamp_out_of_window</c>), hence <c>billing upload --sample</c>.
/// </summary>
internal static class SampleUsage
{
    /// <summary>Spacing of the events' timestamps; 54 events span 9 minutes before now.</summary>
    private const int SecondsApart = 10;

    public static SampleFile Generate(DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var streams = new List<Queue<(string Event, string Customer, string? Key, string? Value)>>
        {
            Values("compute_seconds", "cus_A", "value", "120", "45.5", "300", "610", "75", "240.25", "90", "180", "420", "60", "33.5", "512"),
            Counts("api_calls", "cus_A", 10),
            Values("storage_gb", "cus_A", "value", "80", "120.5", "140", "95"),
            Values("compute_seconds", "cus_B", "value", "200", "150", "95.5", "310", "44", "600", "120", "85"),
            Values("active_users", "cus_B", "user_id", "u1", "u2", "u1", "u3", "u4", "u2"),
            Values("gpu_temp_last", "cus_B", "value", "68", "71.5", "70"),
            Counts("api_calls", "cus_C", 6),
            Values("storage_gb", "cus_C", "value", "210", "250", "180"),
        };

        // Interleave the streams, as events of several customers arrive mixed in one file.
        var rows = new List<(string Event, string Customer, string? Key, string? Value, SampleOutcome Expected)>();
        while (streams.Any(s => s.Count > 0))
        {
            foreach (var stream in streams.Where(s => s.Count > 0))
            {
                var (name, customer, key, value) = stream.Dequeue();
                rows.Add((name, customer, key, value, SampleOutcome.Accepted));
            }
        }

        rows.Add(("compute_seconds", "cus_B", "value", "-12", SampleOutcome.Rejected));
        var events = new List<SampleEvent>();
        var first = now.ToUnixTimeSeconds() - ((rows.Count + 1L) * SecondsApart);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            events.Add(new SampleEvent(row.Event, first + (i * SecondsApart), $"{stamp}-{i + 1:000}", row.Customer, row.Key, row.Value, row.Expected));
        }

        // A resend of the first event with another value: the first one wins.
        var repeated = events[0];
        events.Add(repeated with { Timestamp = first + (rows.Count * SecondsApart), Value = "9999", Expected = SampleOutcome.Duplicate });
        return new SampleFile($"sample-{stamp}.jsonl", events);
    }

    private static Queue<(string, string, string?, string?)> Values(string eventName, string customer, string key, params string[] values) =>
        new(values.Select(v => (eventName, customer, (string?)key, (string?)v)));

    private static Queue<(string, string, string?, string?)> Counts(string eventName, string customer, int count) =>
        new(Enumerable.Range(0, count).Select(_ => (eventName, customer, (string?)null, (string?)null)));
}
