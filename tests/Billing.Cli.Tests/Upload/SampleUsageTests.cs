using Billing.Cli.Upload;
using Billing.Domain.Catalog;
using Billing.LocalDev;

namespace Billing.Cli.Tests.Upload;

/// <summary>The generated sample fits samples/catalog.json and shows one duplicate and one reject.</summary>
public sealed class SampleUsageTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly SampleFile Sample = SampleUsage.Generate(Now);

    [Fact]
    public void Generate_Outcomes_AreFiftyTwoAcceptedOneDuplicateOneRejected()
    {
        Assert.Equal(54, Sample.Events.Count);
        Assert.Equal(52, Sample.Events.Count(e => e.Expected == SampleOutcome.Accepted));
        Assert.Single(Sample.Events, e => e.Expected == SampleOutcome.Duplicate);
        Assert.Single(Sample.Events, e => e.Expected == SampleOutcome.Rejected);
        Assert.Equal(new[] { "cus_A", "cus_B", "cus_C" }, Sample.Events.Select(e => e.Customer).Distinct().Order());
    }

    [Fact]
    public void Generate_Timestamps_AreInTheTenMinutesBeforeNow() =>
        Assert.All(Sample.Events, e => Assert.InRange(e.Timestamp, Now.AddMinutes(-10).ToUnixTimeSeconds(), Now.ToUnixTimeSeconds()));

    [Fact]
    public void Generate_Identifiers_RepeatOnlyForTheDuplicate()
    {
        var repeated = Sample.Events.GroupBy(e => e.Identifier).Where(g => g.Count() > 1).ToList();

        var group = Assert.Single(repeated);
        Assert.Equal([SampleOutcome.Accepted, SampleOutcome.Duplicate], group.Select(e => e.Expected));
        Assert.Single(group.Select(e => (e.Customer, e.EventName)).Distinct());
    }

    [Fact]
    public void Generate_EveryEvent_IsRoutedBySampleCatalogToASubscription()
    {
        var catalog = CatalogLoader.Load(Path.Combine(RepositoryRoot.Find(), "samples", "catalog.json"));

        Assert.All(Sample.Events, e =>
        {
            var meter = catalog.MeterForEventName(e.EventName);
            Assert.NotNull(meter);
            Assert.NotNull(catalog.SubscriptionFor(e.Customer, meter.Id));
            Assert.Equal(e.ValueKey is null, meter.Formula == Domain.Meters.AggregationFormula.Count);
        });
    }

    [Fact]
    public void SamplesUsageJsonl_EveryLine_IsAMeterEventTheSampleCatalogRoutes()
    {
        var root = RepositoryRoot.Find();
        var catalog = CatalogLoader.Load(Path.Combine(root, "samples", "catalog.json"));

        var lines = File.ReadAllLines(Path.Combine(root, "samples", "usage.jsonl"));

        Assert.InRange(lines.Length, 40, 60);
        Assert.All(lines, line =>
        {
            var json = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var meter = catalog.MeterForEventName(json.GetProperty("event_name").GetString()!);
            Assert.NotNull(meter);
            Assert.True(json.GetProperty("timestamp").GetInt64() > 1767225600);
            Assert.NotNull(catalog.SubscriptionFor(json.GetProperty("payload").GetProperty("stripe_customer_id").GetString()!, meter.Id));
        });
    }

    [Fact]
    public void Generate_TheRejectedEvent_HasANegativeValue() =>
        Assert.StartsWith("-", Assert.Single(Sample.Events, e => e.Expected == SampleOutcome.Rejected).Value, StringComparison.Ordinal);

    [Fact]
    public void ToJsonLines_OneMeterEventPerLine()
    {
        var lines = Sample.ToJsonLines().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(54, lines.Length);
        Assert.Equal(
            $$$"""{"event_name":"compute_seconds","timestamp":{{{Sample.Events[0].Timestamp}}},"identifier":"20260120T120000Z-001","payload":{"stripe_customer_id":"cus_A","value":"120"}}""",
            lines[0]);
        Assert.DoesNotContain("value", lines.Single(l => l.Contains("api_calls", StringComparison.Ordinal) && l.Contains("-002\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Name_CarriesTheTime() => Assert.Equal("sample-20260120T120000Z.jsonl", Sample.Name);
}
