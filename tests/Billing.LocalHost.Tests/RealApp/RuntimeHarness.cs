using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.LocalHost.Hosting;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Triggers;
using Billing.Testing;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// One test's world: an Azurite of its own (the trigger bindings name fixed containers and queues),
/// a catalog file, the app's settings, and any number of <see cref="LocalFunctionsHost"/>s running
/// the Billing.Functions app in-process on that storage, wired by its own <c>AddBillingApp</c>.
/// </summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public const string HostKey = "test-host-key-0123456789";

    /// <summary>A schedule that does not come due during a test, for tests that are not about the timer.</summary>
    public const string QuietSchedule = "0 0 0 1 1 *";

    private readonly AzuriteServer azurite;
    private readonly string catalogPath;
    private readonly List<LocalFunctionsHost> hosts = [];
    private readonly Dictionary<string, string?> settings;

    private RuntimeHarness(AzuriteServer azurite, string catalogPath, Dictionary<string, string?> settings)
    {
        this.azurite = azurite;
        this.catalogPath = catalogPath;
        this.settings = settings;
    }

    public IReadOnlyDictionary<string, string?> Settings => settings;

    public BlobServiceClient Blobs => new(azurite.ConnectionString);

    public BlobContainerClient Usage => Blobs.GetBlobContainerClient("usage");

    /// <summary>The tables of this storage: the app's (invoices) and the Durable task hub's (instances).</summary>
    public TableServiceClient Tables => new(azurite.ConnectionString);

    public TableClient Receipts => new TableServiceClient(azurite.ConnectionString).GetTableClient(HostStorage.ReceiptsTable);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="anchor">Billing cycle anchor of every subscription (monthly).</param>
    /// <param name="appSettings">More app settings (they win over the defaults here).</param>
    /// <param name="thresholdAmountGte">Every subscription's threshold; by default out of reach.</param>
    public static Task<RuntimeHarness> CreateAsync(
        DateTimeOffset anchor, IReadOnlyList<string> customers, IReadOnlyDictionary<string, string?>? appSettings = null, long thresholdAmountGte = 1_000_000_000) =>
        CreateAsync(TestCatalogs.Build(customers, anchor, thresholdAmountGte), appSettings);

    /// <param name="catalog">The catalog JSON.</param>
    /// <param name="appSettings">More app settings (they win over the defaults here).</param>
    public static async Task<RuntimeHarness> CreateAsync(string catalog, IReadOnlyDictionary<string, string?>? appSettings = null)
    {
        var azurite = await AzuriteServer.StartAsync(cancellationToken: Ct);
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-runtime-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, catalog, Ct);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__CatalogPath"] = catalogPath,
            ["Billing__ClosePeriodsSchedule"] = QuietSchedule,
            // These tests are about the triggers: the invoicing functions (which need Stripe) stay
            // off, so the invoice-runs requests the timer sends are left in the queue to be read.
            ["AzureWebJobs.InvoiceRun.Disabled"] = "true",
            ["AzureWebJobs.Reconcile.Disabled"] = "true",
            ["FunctionsHostKey"] = HostKey,
        };
        foreach (var (key, value) in appSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new RuntimeHarness(azurite, catalogPath, settings);
    }

    /// <summary>Starts a runtime on this storage (HTTP on a free port, short leases and scan intervals).</summary>
    /// <param name="appDirectory">The app to run; the built Billing.Functions by default.</param>
    /// <param name="logs">Gets the runtime's logs too (besides the test's output).</param>
    public async Task<LocalFunctionsHost> StartHostAsync(
        string instanceId, TimeProvider? clock = null, string? appDirectory = null, ILoggerProvider? logs = null)
    {
        var output = TestContext.Current.TestOutputHelper;
        var host = await LocalFunctionsHost.StartAsync(
            new LocalHostOptions
            {
                AppDirectory = appDirectory ?? BuiltApp.Directory,
                ConfigureApp = app => Billing.Functions.Hosting.BillingApp.AddBillingApp(app.Services, app.Configuration),
                RepositoryRoot = RepositoryRoot.Find(),
                Settings = settings,
                HttpPort = 0,
                InstanceId = instanceId,
                TimeProvider = clock ?? TimeProvider.System,
                BlobScanInterval = TimeSpan.FromMilliseconds(250),
                QueuePollingInterval = TimeSpan.FromMilliseconds(250),
                ReceiptLease = TimeSpan.FromSeconds(15),
                LoggerFactory = LoggerFactory.Create(b =>
                {
                    b.AddProvider(new TestOutputLoggerProvider(output, $"[{instanceId}]"));
                    if (logs is not null)
                    {
                        b.AddProvider(logs);
                    }
                }),
            },
            Ct);
        hosts.Add(host);
        return host;
    }

    public async Task<ETag> UploadAsync(string name, byte[] content)
    {
        await Usage.CreateIfNotExistsAsync(cancellationToken: Ct);
        var uploaded = await Usage.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, Ct);
        return uploaded.Value.ETag;
    }

    /// <summary>The blob trigger's receipt of one blob version, or null before it is claimed.</summary>
    public async Task<TableEntity?> ReceiptAsync(string name, ETag etag)
    {
        try
        {
            return (await Receipts.GetEntityAsync<TableEntity>("IngestUsageBlob", BlobReceipt.Key(name, etag.ToString()), cancellationToken: Ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public QueueClient Queue(string name) => new(azurite.ConnectionString, name);

    /// <summary>Messages of a queue, base64-decoded.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Queue(queue);
        if (!(await client.ExistsAsync(Ct)).Value)
        {
            return [];
        }

        var messages = await client.PeekMessagesAsync(32, Ct);
        return messages.Value.Select(m => HostStorage.DecodeMessage(m.Body.ToString())).ToArray();
    }

    public static HttpClient Client(LocalFunctionsHost host, string? key = HostKey)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return client;
    }

    /// <summary>A meter's events and quantity in the customer's current period, through the HTTP front; null before it has usage.</summary>
    public static async Task<MeterUsage?> UsageAsync(LocalFunctionsHost host, string customer, string meter)
    {
        using var client = Client(host);
        using var document = JsonDocument.Parse(await client.GetStringAsync($"api/customers/{customer}/usage", Ct));
        foreach (var subscription in document.RootElement.GetProperty("subscriptions").EnumerateArray())
        {
            foreach (var line in subscription.GetProperty("meters").EnumerateArray())
            {
                if (line.GetProperty("meter").GetString() == meter)
                {
                    return new MeterUsage(line.GetProperty("events").GetInt64(), line.GetProperty("quantity").GetDecimal());
                }
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
        File.Delete(catalogPath);
    }

    public static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>One meter line of the customer-usage API.</summary>
internal sealed record MeterUsage(long Events, decimal Quantity);
