using System.Net;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

public sealed class MeterEventsEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostMeterEvents_EveryRejectionReason_ReturnsEachEventsResult()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await MeterEventsApi.PostAsync(client, "[" + string.Join(",\n", ValidationCases.All.Select(c => c.Json)) + "]");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ValidationCases.Count("accepted"), body.GetProperty("accepted").GetInt64());
        Assert.Equal(ValidationCases.Count("duplicate"), body.GetProperty("duplicates").GetInt64());
        Assert.Equal(ValidationCases.Count("rejected"), body.GetProperty("rejected").GetInt64());
        Assert.Equal(
            ValidationCases.All.Select((c, i) => (i, c.Identifier, (string?)c.Status, c.Reason)),
            body.GetProperty("results").EnumerateArray().Select(r => (
                r.GetProperty("index").GetInt32(),
                r.GetProperty("identifier").GetString(),
                r.GetProperty("status").GetString(),
                r.TryGetProperty("reason", out var reason) ? reason.GetString() : null)));
        Assert.All(
            body.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "rejected"),
            r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        var usage = await harness.ReadJanuaryAsync("cus_A");
        Assert.Equal(15m, usage!.QuantityOf("compute_seconds"));
        Assert.Equal(3, usage.Meters["compute_seconds"].EventCount);
    }

    [Theory]
    [InlineData("object", 1)]
    [InlineData("pretty-object", 1)]
    [InlineData("array", 3)]
    [InlineData("ndjson", 3)]
    public async Task PostMeterEvents_ObjectArrayOrNdjsonBody_AcceptsEveryEvent(string shape, int count)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var events = Enumerable.Range(0, count).Select(i => TestEvent.Compute("cus_A", $"s-{i}", Jan5.AddMinutes(i), "2.5").ToJson()).ToArray();
        var content = shape switch
        {
            "object" => events[0],
            "pretty-object" => JsonSerializer.Serialize(JsonDocument.Parse(events[0]).RootElement, new JsonSerializerOptions { WriteIndented = true }),
            "array" => "[" + string.Join(",", events) + "]",
            _ => string.Join("\r\n", events) + "\n",
        };

        var (status, body) = await MeterEventsApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(count, body.GetProperty("accepted").GetInt64());
        Assert.Equal(count, body.GetProperty("results").GetArrayLength());
        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
        var usage = await harness.ReadJanuaryAsync("cus_A");
        Assert.Equal(2.5m * count, usage!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task PostMeterEvents_NdjsonWithABrokenLine_RejectsOnlyThatLine()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var lines = TestEvent.ComputeSeries(1, 2).Select(e => e.ToJson()).Prepend("{\"event_name\": ").ToArray();

        var (status, body) = await MeterEventsApi.PostAsync(client, string.Join("\n", lines));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ["rejected", "accepted", "accepted"],
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("malformed", body.GetProperty("results")[0].GetProperty("reason").GetString());
        Assert.Equal(3m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task PostMeterEvents_EventsAlreadyIngestedFromFile_AreDuplicates()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        // The web app caches the partition on its first commit; the file then changes it behind that cache.
        await MeterEventsApi.PostAsync(client, TestEvent.ComputeSeries(0, 1));
        await harness.IngestAsync("file.jsonl", TestFiles.Jsonl(TestEvent.ComputeSeries(1, 5)));

        var (status, body) = await MeterEventsApi.PostAsync(client, TestEvent.ComputeSeries(3, 6));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((3, 3), (body.GetProperty("accepted").GetInt64(), body.GetProperty("duplicates").GetInt64()));
        Assert.Equal(
            ["duplicate", "duplicate", "duplicate", "accepted", "accepted", "accepted"],
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        var usage = await harness.ReadJanuaryAsync("cus_A");
        Assert.Equal(Enumerable.Range(0, 9).Sum(), usage!.QuantityOf("compute_seconds"));
        Assert.Equal(9, usage.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task PostMeterEvents_NewEventForInvoicedPeriod_MarksItLate()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await MeterEventsApi.PostAsync(client, TestEvent.ComputeSeries(1, 1));
        await harness.MarkJanuaryInvoicedAsync("cus_A");
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero));

        var (status, body) = await MeterEventsApi.PostAsync(client, TestEvent.ComputeSeries(1, 2));

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal("duplicate", results[0].GetProperty("status").GetString());
        Assert.False(results[0].TryGetProperty("late", out _));
        Assert.Equal("accepted", results[1].GetProperty("status").GetString());
        Assert.True(results[1].GetProperty("late").GetBoolean());
        Assert.Equal(1, (await harness.ReadJanuaryAsync("cus_A"))!.LateEvents);
    }
}
