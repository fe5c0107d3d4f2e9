using System.Text.Json;
using Azure.Storage.Blobs;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Ingestion.UsageFiles;
using Billing.Storage.Usage;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests;

/// <summary>
/// One isolated deployment of the app on the shared Azurite: a unique <c>Storage:Prefix</c>, a
/// catalog file holding <see cref="TestCatalogs.Standard"/>, and a fake clock at <see cref="Now"/>.
/// Any number of instances (<see cref="StartInstanceAsync"/>, each with its own caches, like the
/// instances of a scaled-out app) and web hosts (<see cref="StartWebApp"/>) share its storage.
/// </summary>
internal sealed class AppHarness : IAsyncDisposable
{
    /// <summary>2026-01-20T00:00:00Z: January 2026 is inside the accepted 35-day window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The standard catalog's first monthly period, [2026-01-01, 2026-02-01).</summary>
    public static readonly BillingPeriod January = new(TestCatalogs.Anchor, TestCatalogs.Anchor.AddMonths(1));

    public static readonly string[] Customers = ["cus_A", "cus_B", "cus_C"];

    private readonly AzuriteFixture azurite;
    private readonly string catalogPath;
    private readonly List<IAsyncDisposable> owned = [];
    private AppInstance? app;

    private readonly Action<IServiceCollection>? overrides;

    private AppHarness(AzuriteFixture azurite, string prefix, string catalogPath, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? overrides)
    {
        this.azurite = azurite;
        this.catalogPath = catalogPath;
        this.overrides = overrides;
        Prefix = prefix;
        Settings = settings;
    }

    public string Prefix { get; }

    /// <summary>The app configuration every instance and web host is built with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The first instance, started by <see cref="CreateAsync"/>.</summary>
    public AppInstance App => app ?? throw new InvalidOperationException("The harness has not started.");

    public string UsageContainer => Prefix + "usage";

    public string RejectsContainer => Prefix + "usage-rejects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="chunkEvents"><c>Ingestion:ChunkEvents</c>; the app's default when null.</param>
    /// <param name="more">More app settings (they win over the ones here).</param>
    /// <param name="overrides">Services every instance registers after the app's own (so they win).</param>
    /// <param name="catalog">Catalog JSON; <see cref="TestCatalogs.Standard"/> when null.</param>
    public static async Task<AppHarness> CreateAsync(
        AzuriteFixture azurite, int? chunkEvents = null, IReadOnlyDictionary<string, string?>? more = null, Action<IServiceCollection>? overrides = null, string? catalog = null)
    {
        var prefix = azurite.UniqueName("p")[..20];
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-catalog-{prefix}.json");
        await File.WriteAllTextAsync(catalogPath, catalog ?? TestCatalogs.Standard(), Ct);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:Prefix"] = prefix,
            ["Billing:CatalogPath"] = catalogPath,
        };
        if (chunkEvents is { } chunk)
        {
            settings["Ingestion:ChunkEvents"] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var harness = new AppHarness(azurite, prefix, catalogPath, settings, overrides);
        harness.app = await harness.StartInstanceAsync();
        return harness;
    }

    /// <summary>The January totals of one clean run of one file on a fresh deployment: what any other way of ingesting it must equal.</summary>
    public static async Task<IReadOnlyList<MeterTotal>> CleanRunTotalsAsync(AzuriteFixture azurite, string name, byte[] content)
    {
        await using var clean = await CreateAsync(azurite);
        await clean.IngestAsync(name, content);
        return await clean.JanuaryTotalsAsync();
    }

    /// <summary>Builds another instance of the app (its own service provider and caches) on the same storage.</summary>
    public async Task<AppInstance> StartInstanceAsync(Action<ILoggingBuilder>? logging = null)
    {
        var instance = await AppInstance.StartAsync(Settings, Clock, logging, Ct, overrides);
        owned.Add(instance);
        return instance;
    }

    /// <summary>The real HTTP app (<c>Program</c>) on the same storage, clock and catalog.</summary>
    /// <param name="testClock">
    /// Run with <c>Billing:TestClock</c> on: the business clock is the app's test clock, which
    /// follows <see cref="Clock"/> (as its wall clock) until advanced.
    /// </param>
    /// <param name="wallClock">The app's wall clock; real time when null.</param>
    public BillingWebApp StartWebApp(bool testClock = false, TimeProvider? wallClock = null)
    {
        var settings = testClock ? new Dictionary<string, string?>(Settings) { ["Billing:TestClock"] = "true" } : Settings;
        var web = new BillingWebApp(settings, Clock, testClock, wallClock);
        owned.Add(web);
        return web;
    }

    /// <summary>Uploads (or overwrites) a file in the usage container; returns the version to ingest.</summary>
    public async Task<UsageFile> UploadAsync(string name, byte[] content)
    {
        var blob = azurite.Blobs.GetBlobContainerClient(UsageContainer).GetBlobClient(name);
        var uploaded = await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, Ct);
        return new UsageFile(UsageContainer, name, uploaded.Value.ETag.ToString());
    }

    /// <summary>Uploads a file and runs the blob function on it in <see cref="App"/>.</summary>
    public async Task<FileIngestionReport> IngestAsync(string name, byte[] content) =>
        await App.HandleAsync(await UploadAsync(name, content), Ct);

    public async Task<JsonElement> ReadSummaryAsync(string name)
    {
        var content = await Rejects($"{name}.summary.json").DownloadContentAsync(Ct);
        return JsonDocument.Parse(content.Value.Content.ToMemory()).RootElement.Clone();
    }

    public async Task<IReadOnlyList<JsonElement>> ReadRejectsAsync(string name)
    {
        var content = await Rejects($"{name}.errors.jsonl").DownloadContentAsync(Ct);
        return content.Value.Content.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToArray();
    }

    public async Task<bool> RejectsExistAsync(string name) => (await Rejects($"{name}.errors.jsonl").ExistsAsync(Ct)).Value;

    public Task<UsageSnapshot?> ReadJanuaryAsync(string customer) =>
        App.Get<UsageStore>().ReadAsync(new UsagePartition($"sub_{customer}", January), Ct);

    /// <summary>Every meter's event count and quantity in January, for every customer, in a stable order.</summary>
    public async Task<IReadOnlyList<MeterTotal>> JanuaryTotalsAsync()
    {
        var totals = new List<MeterTotal>();
        foreach (var customer in Customers)
        {
            if (await ReadJanuaryAsync(customer) is { } snapshot)
            {
                totals.AddRange(snapshot.Meters.Values.Select(m => new MeterTotal(customer, m.MeterId, m.Formula, m.EventCount, m.Quantity)));
            }
        }

        return [.. totals.OrderBy(t => t.Customer, StringComparer.Ordinal).ThenBy(t => t.Meter, StringComparer.Ordinal)];
    }

    /// <summary>Marks a customer's January invoiced, as the cycle invoice run does: later new events there are late.</summary>
    public async Task MarkJanuaryInvoicedAsync(string customer)
    {
        var snapshot = await ReadJanuaryAsync(customer);
        Assert.NotNull(snapshot);
        Assert.True(await App.Get<UsageStore>().TryMarkInvoicedAsync(snapshot, January.End, Ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }

        File.Delete(catalogPath);
    }

    private BlobClient Rejects(string name) => azurite.Blobs.GetBlobContainerClient(RejectsContainer).GetBlobClient(name);
}
