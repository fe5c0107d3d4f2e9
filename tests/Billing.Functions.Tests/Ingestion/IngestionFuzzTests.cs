using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Functions.Tests.Hosting;
using Billing.Functions.Tests.Ingestion.Fuzz;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// Seeded fuzzing of both ingestion paths with lines and bodies mutated from valid events: bad
/// bytes, lone surrogate escapes, cuts mid-token, 400-digit and 1e400 numbers, deep nesting, odd
/// and huge names and keys, control characters, byte order marks, NULs, CRLF mixes, over-long
/// lines, gzip files in members or cut short, and random byte damage. Neither path may fail (no
/// 500, no exception out of the blob function, so no poisoned file); every good event is counted
/// exactly once (the aggregates equal those of the good events alone, ingested cleanly); every bad
/// line or event is rejected with its reason code (and a file's with its line number).
/// The seed is fixed so that every run sees the same inputs; set BILLING_TEST_SEED to explore others.
/// </summary>
public sealed class IngestionFuzzTests(AzuriteFixture azurite)
{
    private const int DefaultSeed = 20_260_120;
    private const int LinesPerFile = 2_500;
    private const int Bodies = 300;

    private static readonly (string Name, string Gzip)[] Files =
    [
        ("fuzz/plain.jsonl", "none"),
        ("fuzz/lines.ndjson", "none"),
        ("fuzz/one-member.jsonl.gz", "one member"),
        ("fuzz/members.json.gz", "members"),
        ("fuzz/cut.jsonl.gz", "cut"),
        ("fuzz/rows.csv", "none"),
        ("fuzz/rows-cut.csv.gz", "cut"),
    ];

    private static readonly HashSet<string> ReasonCodes =
    [
        "malformed", "identifier_too_long", "unknown_event_name", "missing_customer", "invalid_value",
        "negative_value", "timestamp_out_of_window", "no_subscription",
    ];

    private static readonly Dictionary<string, string> MeterOfEventName = new()
    {
        ["compute_seconds"] = "compute_seconds",
        ["api_call"] = "api_calls",
        ["active_user"] = "active_users",
        ["temperature"] = "temperature",
        ["adjustment"] = "adjustments",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FilesAndRequests_TenThousandMutatedLinesAndBodies_NeverFailCountEveryGoodEventOnceAndExplainEveryBadOne()
    {
        var seed = TestSeed.Draw(DefaultSeed);
        var random = seed.Random();
        var lines = new FuzzLines(random);
        var truth = new List<TestEvent>();
        int mutatedLines = 0, mutatedBodies = 0, requestEvents = 0;
        await using var harness = await AppHarness.CreateAsync(azurite);

        foreach (var (name, gzip) in Files)
        {
            var file = FuzzFile.Build(name, lines, random, LinesPerFile, gzip);
            mutatedLines += file.Items.Count(i => i.Item.IsMutated);

            // An exception here is what used to poison a file.
            var report = await harness.App.HandleAsync(await harness.UploadAsync(name, file.Content), Ct);

            await CheckFileAsync(harness, file, report, seed);
            truth.AddRange(file.Read.Where(i => i.Item.Kind == FuzzKind.Good).Select(i => i.Item.Event!));
        }

        using var client = harness.StartWebApp().CreateClient();
        var generator = new FuzzBodies(lines, random);
        foreach (var body in Enumerable.Range(0, Bodies).Select(_ => generator.Next()).ToArray().Concat(generator.Refused()))
        {
            mutatedBodies += body.IsMutated ? 1 : 0;
            mutatedLines += body.Items.Count(i => i.IsMutated);
            requestEvents += body.Items.Count;
            await CheckBodyAsync(client, body, seed);
            if (body.Status == HttpStatusCode.OK)
            {
                truth.AddRange(body.Items.Where(i => i.Kind == FuzzKind.Good).Select(i => i.Event!));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Files.Length} files of {LinesPerFile} lines and {Bodies + generator.Refused().Count()} requests of {requestEvents} events: {mutatedLines} mutated lines and events, {mutatedBodies} mutated bodies; {truth.Count} good events counted"));
        Assert.True(mutatedLines + mutatedBodies >= 10_000, $"only {mutatedLines + mutatedBodies} mutated lines and bodies ({seed})");
        await CheckAggregatesAsync(harness, truth, seed);
    }

    private static async Task CheckFileAsync(AppHarness harness, FuzzFile file, FileIngestionReport report, TestSeed seed)
    {
        var because = $"{file.Name} ({seed})";
        var read = file.Read.ToArray();
        Assert.True(report.Events == read.Length, $"{because}: {report.Events} events, expected {read.Length} (lines up to {file.LinesRead} read)");

        var summary = await harness.ReadSummaryAsync(file.Name);
        Assert.True(summary.GetProperty("complete").GetBoolean() == (file.Error is null), $"{because}: {summary}");
        Assert.True(file.Error is null ? summary.GetProperty("error").ValueKind == JsonValueKind.Null : summary.GetProperty("error").GetProperty("code").GetString() == file.Error, $"{because}: {summary}");

        var rejects = report.Rejected > 0 ? await harness.ReadRejectsAsync(file.Name) : [];
        Assert.True(rejects.Count == report.Rejected, $"{because}: {rejects.Count} rejects rows for {report.Rejected} rejected");
        var rejected = new Dictionary<long, (string Reason, string Message)>();
        foreach (var row in rejects)
        {
            var line = row.GetProperty("line").GetInt64();
            Assert.True(rejected.TryAdd(line, (row.GetProperty("reason").GetString()!, row.GetProperty("message").GetString()!)), $"{because}: line {line} rejected twice");
        }

        var items = read.ToDictionary(i => i.Line, i => i.Item);
        Assert.All(rejected.Keys, line => Assert.True(items.ContainsKey(line), $"{because}: a reject for line {line}, which holds no event that was read"));
        foreach (var (line, item) in read)
        {
            var found = rejected.TryGetValue(line, out var reject);
            Assert.True(Explained(item, found ? reject.Reason : null, found ? reject.Message : null), $"{because}: line {line}, {item}: {(found ? $"rejected {reject.Reason}: {reject.Message}" : "not rejected")}");
        }

        var wild = read.Count(i => i.Item.Kind == FuzzKind.Wild);
        var wildRejected = read.Count(i => i.Item.Kind == FuzzKind.Wild && rejected.ContainsKey(i.Line));
        var good = read.Count(i => i.Item.Kind == FuzzKind.Good);
        Assert.True(report.Accepted + report.Duplicates == good + wild - wildRejected, $"{because}: {report.Accepted} accepted + {report.Duplicates} duplicates for {good} good and {wild - wildRejected} wild events");
        Assert.True(report.Duplicates <= wild - wildRejected, $"{because}: {report.Duplicates} duplicates, but only wild events may repeat");
    }

    private static async Task CheckBodyAsync(HttpClient client, FuzzBody body, TestSeed seed)
    {
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(body.Shape == "ndjson" ? "application/x-ndjson" : "application/json");
        using var response = await client.PostAsync(MeterEventsApi.Route, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var because = $"{body.Shape} body of {body.Bytes.Length} bytes ({seed}), answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}\n  items:\n  {string.Join("\n  ", body.Items)}";
        Assert.True(response.StatusCode == body.Status, $"expected {(int)body.Status}; {because}");
        using var json = JsonDocument.Parse(text);
        if (body.Status != HttpStatusCode.OK)
        {
            var code = body.Status == HttpStatusCode.RequestEntityTooLarge ? "request_too_large" : "invalid_request";
            Assert.True(json.RootElement.GetProperty("error").GetProperty("code").GetString() == code, because);
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetProperty("message").GetString()), because);
            return;
        }

        var results = json.RootElement.GetProperty("results");
        Assert.True(results.GetArrayLength() == body.Items.Count, $"{results.GetArrayLength()} results for {body.Items.Count} events; {because}");
        for (var i = 0; i < body.Items.Count; i++)
        {
            var result = results[i];
            var status = result.GetProperty("status").GetString();
            var reason = result.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var message = result.TryGetProperty("message", out var m) ? m.GetString() : null;
            Assert.True(result.GetProperty("index").GetInt32() == i, because);
            Assert.True(Explained(body.Items[i], status == "rejected" ? reason : null, message) && (status != "duplicate" || body.Items[i].Kind == FuzzKind.Wild), $"event {i} {status} {reason} {message}; {because}");
        }
    }

    /// <summary>Whether an item's outcome is the one it must have: <paramref name="reason"/> is null when it was not rejected.</summary>
    private static bool Explained(FuzzItem item, string? reason, string? message) => item.Kind switch
    {
        FuzzKind.Good => reason is null,
        FuzzKind.Bad => reason == item.Reason && !string.IsNullOrWhiteSpace(message),
        _ => reason is null || (ReasonCodes.Contains(reason) && !string.IsNullOrWhiteSpace(message)),
    };

    private async Task CheckAggregatesAsync(AppHarness harness, List<TestEvent> truth, TestSeed seed)
    {
        await using var clean = await AppHarness.CreateAsync(azurite);
        var cleanReport = await clean.IngestAsync("truth.jsonl", TestFiles.Jsonl(truth));
        Assert.True(cleanReport.Accepted == truth.Count, $"the good events alone: {cleanReport.Accepted} of {truth.Count} accepted ({seed})");

        var actual = (await harness.JanuaryTotalsAsync()).Where(t => t.Meter != FuzzLines.WildMeterId).ToArray();
        Assert.Equal(await clean.JanuaryTotalsAsync(), actual);

        // And without the app's help: event counts per customer and meter, and the sums.
        var expected = truth
            .GroupBy(e => (Customer: e.Payload[0].Value, Meter: MeterOfEventName[e.EventName]))
            .ToDictionary(g => g.Key, g => (Events: (long)g.Count(), Sum: g.Sum(e => e.EventName is "compute_seconds" or "adjustment" ? decimal.Parse(e.Payload[1].Value, CultureInfo.InvariantCulture) : 0m)));
        Assert.Equal(expected.Keys.Order(), actual.Select(t => (t.Customer, t.Meter)).Order());
        Assert.All(actual, t =>
        {
            var (events, sum) = expected[(t.Customer, t.Meter)];
            Assert.True(t.Events == events, $"{t.Customer} {t.Meter}: {t.Events} events counted, {events} good ({seed})");
            Assert.True(t.Meter is not ("compute_seconds" or "adjustments") || t.Quantity == sum, $"{t.Customer} {t.Meter}: quantity {t.Quantity}, good events sum to {sum} ({seed})");
        });
    }
}
