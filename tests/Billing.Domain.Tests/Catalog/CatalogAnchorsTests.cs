using Billing.Domain.Catalog;

namespace Billing.Domain.Tests.Catalog;

public sealed class CatalogAnchorsTests
{
    private static readonly DateTimeOffset December2026 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StartNoEarlierThan_SampleCatalog_MovesEveryAnchorAndKeepsTheRestByteForByte()
    {
        var sample = File.ReadAllText(CatalogJson.SamplePath());

        var result = CatalogAnchors.StartNoEarlierThan(sample, December2026);

        Assert.Equal(["sub_A", "sub_B", "sub_C"], result.Moved);
        Assert.Equal(sample.Replace("\"billing_cycle_anchor\": \"2026-01-01T00:00:00Z\"", "\"billing_cycle_anchor\": \"2026-12-01T00:00:00Z\"", StringComparison.Ordinal), result.Json);
        Assert.All(CatalogLoader.Parse(result.Json).Subscriptions, s => Assert.Equal(December2026, s.BillingCycleAnchor));
    }

    [Fact]
    public void StartNoEarlierThan_UnixSecondsAnchorBefore_StaysANumberAndLaterAnchorsAreKept()
    {
        var january10 = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

        var result = CatalogAnchors.StartNoEarlierThan(CatalogJson.Full, january10);

        Assert.Equal(["sub_A"], result.Moved); // sub_B starts on January 15
        Assert.Equal(
            CatalogJson.Full.Replace("\"billing_cycle_anchor\": 1767225600,", $"\"billing_cycle_anchor\": {january10.ToUnixTimeSeconds()},", StringComparison.Ordinal),
            result.Json);
    }

    [Fact]
    public void StartNoEarlierThan_AnchorWrittenWithEscapes_ReplacesTheWholeString()
    {
        var escaped = CatalogJson.MinimalWith(_ => { })
            .Replace("\"2026-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00\\u005A\"", StringComparison.Ordinal);

        var result = CatalogAnchors.StartNoEarlierThan(escaped, December2026);

        Assert.Equal(["sub_A", "sub_B"], result.Moved);
        Assert.Equal(escaped.Replace("\"2026-01-01T00:00:00\\u005A\"", "\"2026-12-01T00:00:00Z\"", StringComparison.Ordinal)
            .Replace(":1767225600,", $":{December2026.ToUnixTimeSeconds()},", StringComparison.Ordinal), result.Json);
    }

    [Fact]
    public void StartNoEarlierThan_NothingBefore_ReturnsTheTextUnchanged()
    {
        var result = CatalogAnchors.StartNoEarlierThan(CatalogJson.Full, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Empty(result.Moved);
        Assert.Equal(CatalogJson.Full, result.Json);
    }

    [Fact]
    public void StartNoEarlierThan_InvalidCatalog_ThrowsWithItsProblems()
    {
        var invalid = CatalogJson.MinimalWith(c => c["subscriptions"]![0]!["billing_cycle_anchor"] = "yesterday");

        var error = Assert.Throws<CatalogException>(() => CatalogAnchors.StartNoEarlierThan(invalid, December2026));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith("$.subscriptions[0].billing_cycle_anchor", StringComparison.Ordinal));
    }

    [Fact]
    public void StartNoEarlierThan_StartNotUtc_Throws() =>
        Assert.Throws<ArgumentException>(() => CatalogAnchors.StartNoEarlierThan(CatalogJson.Full, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1))));
}
