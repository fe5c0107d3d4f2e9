using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Domain.Catalog;
using Billing.LocalDev;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests.Hosting;

/// <summary>
/// The first run's catalog: <c>up</c> copies the sample catalog to .billing/catalog.json with its
/// subscriptions anchored in the current month, and keeps the copy afterwards; and the check of
/// subscriptions the app will hold back. In a copy of the repository's sample files.
/// </summary>
public sealed class LocalCatalogTests : IDisposable
{
    /// <summary>2026-12-07T01:30:00Z: eleven periods after the sample's 2026-01-01 anchors have ended.</summary>
    private static readonly DateTimeOffset December7 = new(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset December1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string root = Directory.CreateTempSubdirectory("billing-cli-catalog").FullName;
    private readonly string sample;

    public LocalCatalogTests()
    {
        var repository = RepositoryRoot.Find();
        Directory.CreateDirectory(Path.Combine(root, "samples"));
        File.Copy(Path.Combine(repository, "samples", "catalog.json"), Path.Combine(root, "samples", "catalog.json"));
        File.Copy(Path.Combine(repository, LocalSettings.SampleFileName), Path.Combine(root, LocalSettings.SampleFileName));
        sample = File.ReadAllText(Path.Combine(root, "samples", "catalog.json"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Prepared => Path.Combine(root, ".billing", "catalog.json");

    [Fact]
    public async Task PrepareAsync_FirstRun_WritesTheSampleAnchoredAtTheCurrentMonthAndPointsTheSettingAtIt()
    {
        var prepared = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct);

        Assert.True(prepared.Created);
        var catalog = prepared.Catalog!;
        Assert.Equal((".billing/catalog.json", "samples/catalog.json", December1, 3), (catalog.Path, catalog.Source, catalog.Anchor, catalog.Subscriptions));
        Assert.Equal(["sub_A", "sub_B", "sub_C"], catalog.Moved);
        Assert.Equal(".billing/catalog.json", prepared.Settings[LocalSettings.CatalogPath]);
        Assert.Equal(".billing/catalog.json", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(root, LocalSettings.FileName)))!["Values"]![LocalSettings.CatalogPath]);
        // The rest of the sample as it is; only the anchors moved.
        Assert.Equal(sample.Replace("\"2026-01-01T00:00:00Z\"", "\"2026-12-01T00:00:00Z\"", StringComparison.Ordinal), File.ReadAllText(Prepared));
        Assert.Equal(sample, File.ReadAllText(Path.Combine(root, "samples", "catalog.json")));
        Assert.Equal(
            "catalog: .billing/catalog.json, the sample's subscriptions anchored at 2026-12-01T00:00:00Z (the current month) so nothing before it is billed (Values.Billing__CatalogPath in local.settings.json)",
            catalog.Describe());
    }

    [Fact]
    public async Task PrepareAsync_FirstRun_NoPeriodBeforeTheCurrentOneHasEnded()
    {
        var prepared = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct);

        var catalog = CatalogLoader.Load(Path.Combine(root, prepared.Settings[LocalSettings.CatalogPath]!));
        // Period 0 of every subscription is December's, so ClosePeriods has no cycle invoice to send, only the create invoices of December.
        Assert.All(catalog.Subscriptions, s => Assert.Equal(0, s.Schedule.IndexOf(December7)));
        Assert.All(catalog.Subscriptions, s => Assert.Equal(December1, s.BillingCycleAnchor));
        Assert.Empty(LocalCatalog.CheckCatchUp(catalog, prepared.Settings, December7).Behind);
    }

    [Fact]
    public async Task PrepareAsync_LaterRunAMonthOn_KeepsTheCatalogAndItsAnchors()
    {
        await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct);
        var first = File.ReadAllText(Prepared);

        var again = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7.AddMonths(1)), Ct);

        Assert.False(again.Created);
        Assert.Null(again.Catalog);
        Assert.Equal(".billing/catalog.json", again.Settings[LocalSettings.CatalogPath]);
        Assert.Equal(first, File.ReadAllText(Prepared));
    }

    [Fact]
    public async Task PrepareAsync_SettingsDeletedButTheCopyKept_KeepsTheCopyAsItIs()
    {
        await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct);
        var first = File.ReadAllText(Prepared);
        File.Delete(Path.Combine(root, LocalSettings.FileName));

        var again = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7.AddMonths(1)), Ct);

        Assert.True(again.Created);
        Assert.Null(again.Catalog!.Moved);
        Assert.StartsWith("catalog: .billing/catalog.json, kept from an earlier run", again.Catalog.Describe(), StringComparison.Ordinal);
        Assert.Equal(".billing/catalog.json", again.Settings[LocalSettings.CatalogPath]);
        Assert.Equal(first, File.ReadAllText(Prepared));
    }

    [Fact]
    public async Task PrepareAsync_InvalidSampleCatalog_FailsAndWritesNoSettings()
    {
        File.WriteAllText(Path.Combine(root, "samples", "catalog.json"), """{"subscriptions": [{"id": "sub_A"}]}""");

        var error = await Assert.ThrowsAsync<CliException>(() => LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct));

        Assert.StartsWith("the catalog samples/catalog.json is invalid:", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, LocalSettings.FileName))); // the next run tries again
        Assert.False(File.Exists(Prepared));
    }

    [Fact]
    public void CheckCatchUp_SampleAsShippedInDecember_NamesEverySubscriptionWithItsPeriods()
    {
        var check = LocalCatalog.CheckCatchUp(CatalogLoader.Parse(sample), LocalSettings.Empty, December7);

        Assert.Equal(3, check.Limit);
        Assert.Equal(December1, check.CurrentMonth);
        var january = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [new("sub_A", 11, january, December1), new("sub_B", 11, january, December1), new BehindSubscription("sub_C", 11, january, December1)],
            check.Behind);
    }

    [Theory]
    [InlineData("11", 0)] // the app catches up on all eleven
    [InlineData("10", 3)]
    [InlineData("0", 3)] // invalid: the app refuses to start; the check uses the default
    public async Task CheckCatchUp_MaxCatchUpPeriodsSet_UsesIt(string setting, int behind)
    {
        File.WriteAllText(
            Path.Combine(root, LocalSettings.FileName),
            new JsonObject { ["Values"] = new JsonObject { [LocalSettings.MaxCatchUpPeriods] = setting, [LocalSettings.HostKey] = "k" } }.ToJsonString());
        var settings = (await LocalSettings.PrepareAsync(root, new FakeTimeProvider(December7), Ct)).Settings;

        Assert.Equal(behind, LocalCatalog.CheckCatchUp(CatalogLoader.Parse(sample), settings, December7).Behind.Count);
    }

    [Theory]
    [InlineData("2026-05-01T00:59:59Z", 0)] // April has ended, its grace (1 h) has not: three periods are due, the limit
    [InlineData("2026-05-01T01:00:00Z", 3)] // four
    public void CheckCatchUp_AroundTheGracePeriod_CountsAsTheAppDoes(string now, int behind)
    {
        var check = LocalCatalog.CheckCatchUp(CatalogLoader.Parse(sample), LocalSettings.Empty, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(behind, check.Behind.Count);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
