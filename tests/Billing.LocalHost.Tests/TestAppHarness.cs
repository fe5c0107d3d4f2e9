using System.Reflection;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.LocalHost.Hosting;
using Billing.LocalHost.TestApp;
using Billing.LocalHost.Triggers;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Tests;

/// <summary>
/// One test's world on the shared Azurite: a container, a queue and a task hub of its own (the
/// test app's bindings name them through settings), the timer off unless asked for, and any number
/// of <see cref="LocalFunctionsHost"/>s running the test app in-process on that storage.
/// </summary>
internal sealed class TestAppHarness(string connectionString, Dictionary<string, string?> settings) : IAsyncDisposable
{
    public const string HostKey = "test-host-key-0123456789";

    /// <summary>The Durable work-item and control-queue visibility timeout of in-process hosts: short, so that work a stopped host held comes back soon.</summary>
    public static readonly TimeSpan DurableVisibilityTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A schedule that does not come due during a test.</summary>
    public const string QuietSchedule = "0 0 0 1 1 *";

    private readonly List<LocalFunctionsHost> hosts = [];

    /// <summary>The test app's build output: what <c>func start</c> would run.</summary>
    public static string AppDirectory { get; } = FindAppDirectory();

    public string ConnectionString => connectionString;

    public IReadOnlyDictionary<string, string?> Settings => settings;

    public BlobContainerClient Container => new BlobServiceClient(connectionString).GetBlobContainerClient(settings["TestApp__Container"]);

    public QueueClient Queue => new(connectionString, settings["TestApp__Queue"]);

    public TableClient Receipts => new TableServiceClient(connectionString).GetTableClient(HostStorage.ReceiptsTable);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TestAppHarness Create(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? more = null) =>
        Create(azurite.ConnectionString, azurite.UniqueName("c"), more);

    public static TestAppHarness Create(string connectionString, string unique, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["TestApp__Container"] = unique,
            ["TestApp__Queue"] = unique,
            ["TestApp__HubName"] = "hub" + new string(unique.Where(char.IsLetterOrDigit).ToArray())[..Math.Min(20, unique.Length)],
            ["TestApp__TickSchedule"] = QuietSchedule,
            ["AzureWebJobs.Tick.Disabled"] = "true",
            ["FunctionsHostKey"] = HostKey,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new TestAppHarness(connectionString, settings);
    }

    /// <summary>Starts a host on this storage (HTTP on a free port, short leases and scan intervals).</summary>
    public async Task<LocalFunctionsHost> StartHostAsync(string instanceId, TimeProvider? clock = null, TimeSpan? drainTimeout = null)
    {
        var output = TestContext.Current.TestOutputHelper;
        var host = await LocalFunctionsHost.StartAsync(
            new LocalHostOptions
            {
                AppDirectory = AppDirectory,
                ConfigureApp = TestApp.TestApp.Configure,
                Settings = settings,
                HttpPort = 0,
                InstanceId = instanceId,
                TimeProvider = clock ?? TimeProvider.System,
                BlobScanInterval = TimeSpan.FromMilliseconds(250),
                QueuePollingInterval = TimeSpan.FromMilliseconds(250),
                ReceiptLease = TimeSpan.FromSeconds(15),
                DrainTimeout = drainTimeout ?? LocalHostOptions.DefaultDrainTimeout,
                DurableVisibilityTimeout = DurableVisibilityTimeout,
                LoggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output, $"[{instanceId}]"))),
            },
            Ct);
        hosts.Add(host);
        return host;
    }

    public static Recorder Recorder(LocalFunctionsHost host) => host.Services.GetRequiredService<Recorder>();

    public static Gates Gates(LocalFunctionsHost host) => host.Services.GetRequiredService<Gates>();

    public async Task<ETag> UploadAsync(string name, string content)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: Ct);
        return (await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true, Ct)).Value.ETag;
    }

    public async Task SendAsync(string id, string command)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await Queue.SendMessageAsync(HostStorage.EncodeMessage($$"""{"id":"{{id}}","command":"{{command}}"}"""), Ct);
    }

    /// <summary>The blob trigger's receipt of one blob version, or null before it is claimed.</summary>
    public async Task<TableEntity?> ReceiptAsync(string name, ETag etag)
    {
        try
        {
            return (await Receipts.GetEntityAsync<TableEntity>("Inbox", BlobReceipt.Key(name, etag.ToString()), cancellationToken: Ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
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

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private static string FindAppDirectory()
    {
        var configuration = typeof(TestAppHarness).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var directory = Path.Combine(LocalDev.RepositoryRoot.Find(), "tests", "Billing.LocalHost.TestApp", "bin", configuration, framework);
        return File.Exists(Path.Combine(directory, "functions.metadata"))
            ? directory
            : throw new InvalidOperationException($"The test app is not built at {directory}.");
    }
}
