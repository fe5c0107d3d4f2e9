extern alias emulator;

using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Domain.Periods;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using InvoiceRunRequest = Billing.Domain.Invoicing.InvoiceRunRequest;
using Billing.Invoicing;
using Billing.Invoicing.Runs;
using Billing.Invoicing.Usage;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Invoices;
using Billing.Storage.Queues;
using emulator::Billing.StripeEmulator.Hosting;
using Billing.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The invoicing workflow on a real Azurite and the Stripe emulator, driven function by function:
/// usage through the meter-events handler, then the queue functions run on the messages the app
/// sent (what the queue trigger would do), with a fake business clock. Invoice runs and payment
/// retries run as orchestrations on Durable Task's in-process test host (one per app instance,
/// its activities on that instance's services), and a request's run is waited for before the next
/// request is handled. A "restart" is a new instance of the app (new services and caches) on the
/// same storage and emulator.
/// </summary>
internal sealed class InvoicingHarness : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_invoicing_tests";

    /// <summary>Mid-January 2026, inside the standard catalog's first period.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    public static readonly BillingPeriod January = new(TestCatalogs.Anchor, TestCatalogs.Anchor.AddMonths(1));

    private readonly string catalogPath;
    private readonly List<IAsyncDisposable> owned = [];
    private readonly Dictionary<AppInstance, DurableTaskTestHost> durableHosts = [];

    private InvoicingHarness(AzuriteFixture azurite, StripeEmulatorServer emulator, string prefix, string catalogPath, Dictionary<string, string?> settings)
    {
        Azurite = azurite;
        Emulator = emulator;
        Prefix = prefix;
        this.catalogPath = catalogPath;
        Settings = settings;
    }

    public AzuriteFixture Azurite { get; }

    public StripeEmulatorServer Emulator { get; }

    public string Prefix { get; }

    public Dictionary<string, string?> Settings { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    public AppInstance App { get; private set; } = null!;

    public StorageNames Names => App.Get<StorageNames>();

    /// <summary>A Stripe.net client on the emulator, for assertions.</summary>
    public StripeClient Stripe => new(new StripeClientOptions { ApiKey = StripeEmulatorServer.TestApiKey, ApiBase = Emulator.ApiBase });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="catalog">Catalog JSON; the standard test catalog (threshold USD 100.00) by default.</param>
    public static async Task<InvoicingHarness> CreateAsync(
        AzuriteFixture azurite,
        string? catalog = null,
        Action<StripeEmulatorOptions>? emulatorOptions = null,
        Action<IServiceCollection>? overrides = null,
        IReadOnlyDictionary<string, string?>? appSettings = null)
    {
        var emulator = await StripeEmulatorServer.StartAsync(o =>
        {
            o.Seed = 7;
            emulatorOptions?.Invoke(o);
        }, cancellationToken: Ct);
        foreach (var customer in new[] { "cus_A", "cus_B", "cus_C" })
        {
            emulator.SeedCustomer(customer);
        }

        var prefix = azurite.UniqueName("i")[..20];
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-invoicing-{prefix}.json");
        await System.IO.File.WriteAllTextAsync(catalogPath, catalog ?? TestCatalogs.Standard(), Ct);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:Prefix"] = prefix,
            ["Billing:CatalogPath"] = catalogPath,
            ["Stripe:ApiKey"] = StripeEmulatorServer.TestApiKey,
            ["Stripe:ApiBase"] = emulator.ApiBase,
            ["Stripe:WebhookSecret"] = WebhookSecret,
            ["Stripe:RequestsPerSecond"] = "1000",
            // Technical back-off of the orchestrations, short for tests (wall-clock durable timers).
            ["Invoicing:StepFirstRetry"] = "00:00:00.050",
            ["Invoicing:StepMaxRetryInterval"] = "00:00:00.200",
            ["Invoicing:StallBackoff"] = "00:00:00.500",
        };
        foreach (var (key, value) in appSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var harness = new InvoicingHarness(azurite, emulator, prefix, catalogPath, settings);
        harness.App = await harness.StartInstanceAsync(overrides);
        return harness;
    }

    /// <summary>Another instance of the app on the same storage, clock and emulator (a restart after a crash).</summary>
    /// <param name="prefix">Another deployment's storage prefix; this one's by default.</param>
    public async Task<AppInstance> StartInstanceAsync(Action<IServiceCollection>? overrides = null, string? prefix = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        if (prefix is not null)
        {
            settings["Storage:Prefix"] = prefix;
        }

        var instance = await AppInstance.StartAsync(settings, Clock, logging: null, Ct, services =>
        {
            AddDurableRuns(services);
            overrides?.Invoke(services);
        });
        owned.Add(instance);
        return instance;
    }

    /// <summary>The services of the durable invoice runs, which the app's composition root does not register yet.</summary>
    public static void AddDurableRuns(IServiceCollection services)
    {
        services.AddSingleton<InvoiceRunScheduler>();
        services.AddSingleton<InvoiceRunSteps>();
    }

    /// <summary>The Durable Task client of <paramref name="app"/>'s in-process test host (started on first use).</summary>
    public async Task<DurableTaskClient> DurableClientAsync(AppInstance? app = null)
    {
        app ??= App;
        if (!durableHosts.TryGetValue(app, out var host))
        {
            var steps = app.Get<InvoiceRunSteps>();
            host = await DurableTaskTestHost.StartAsync(
                registry => registry.AddBillingTasks(),
                // A port that is free now: the test host's own pick is random and may be taken on a shared machine.
                new DurableTaskTestHostOptions { Port = FreePort(), ConfigureServices = services => services.AddSingleton(steps) },
                Ct);
            durableHosts[app] = host;
        }

        return host.Client;
    }

    /// <summary>Handles one invoice-runs request as the InvoiceRun function does, and waits for the run it started.</summary>
    /// <returns>The id of the invoice whose run it started, or null.</returns>
    public async Task<string?> RunRequestAsync(InvoiceRunRequest request, AppInstance? app = null)
    {
        app ??= App;
        var client = await DurableClientAsync(app);
        var id = await app.Get<InvoiceRunHandler>().HandleAsync(request, client, Ct);
        if (id is not null)
        {
            await WaitForCompletionAsync(client, id);
        }

        return id;
    }

    /// <summary>Runs the Reconcile timer as its function does, and waits for the payment retries it started.</summary>
    public async Task<ReconcileReport> ReconcileAsync()
    {
        var client = await DurableClientAsync();
        var report = await App.Get<ReconcileHandler>().HandleAsync(new TimerRun(false), client, Ct);
        await foreach (var invoice in App.Get<InvoiceStore>().ListAsync(null, Ct))
        {
            for (var attempt = 2; attempt <= InvoicingOptions.DefaultMaxPaymentAttempts; attempt++)
            {
                if (await client.GetInstanceAsync(InvoiceRunScheduler.PaymentRetryId(invoice.Id, attempt), Ct) is not null)
                {
                    await WaitForCompletionAsync(client, InvoiceRunScheduler.PaymentRetryId(invoice.Id, attempt));
                }
            }

            if (invoice.InFlight && await client.GetInstanceAsync(invoice.Id, Ct) is not null)
            {
                await WaitForCompletionAsync(client, invoice.Id);
            }
        }

        return report;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for an orchestration and asserts that it completed.</summary>
    public static async Task WaitForCompletionAsync(DurableTaskClient client, string instanceId)
    {
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Ct);
        Assert.True(
            done.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Orchestration {instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}\n{done.FailureDetails?.StackTrace}");
    }

    /// <summary>Posts compute_seconds events (one per value) for a customer at the clock's now, through the meter-events handler.</summary>
    public async Task PostComputeAsync(string customer, params decimal[] seconds) =>
        await PostComputeAtAsync(Clock.GetUtcNow(), customer, seconds);

    /// <summary>Posts compute_seconds events stamped <paramref name="timestamp"/> (late usage, when it is in an invoiced period).</summary>
    public async Task PostComputeAtAsync(DateTimeOffset timestamp, string customer, params decimal[] seconds) =>
        await PostAsync(seconds.Select((value, i) => Event("compute_seconds", customer, value, $"c-{Guid.NewGuid():N}-{i}", timestamp)));

    /// <summary>Posts one batch of compute_seconds events, each with its own time and customer, through the meter-events handler.</summary>
    /// <param name="identifier">The events' identifier, followed by their index (a batch sent again repeats them); fresh ones by default.</param>
    public async Task PostComputeBatchAsync(IEnumerable<ComputeEvent> events, string? identifier = null) =>
        await PostAsync(events.Select((e, i) => Event("compute_seconds", e.Customer, e.Seconds, identifier is null ? $"c-{Guid.NewGuid():N}" : $"{identifier}-{i}", e.Timestamp)));

    /// <summary>Uploads one batch of compute_seconds events as a JSON Lines file and runs the blob function on it.</summary>
    /// <param name="identifier">The events' identifier, followed by their index (a file ingested again repeats them); fresh ones by default.</param>
    public async Task IngestComputeFileAsync(IEnumerable<ComputeEvent> events, string? identifier = null)
    {
        var container = new Azure.Storage.Blobs.BlobContainerClient(Azurite.ConnectionString, Names.UsageContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        var name = $"batch-{Guid.NewGuid():N}.jsonl";
        var body = string.Join('\n', events.Select((e, i) => Event("compute_seconds", e.Customer, e.Seconds, identifier is null ? $"f-{Guid.NewGuid():N}" : $"{identifier}-{i}", e.Timestamp)));
        var uploaded = await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(body), overwrite: true, Ct);
        var report = await App.HandleAsync(new UsageFile(Names.UsageContainer, name, uploaded.Value.ETag.ToString()), Ct);
        Assert.Equal(0, report.Rejected);
    }

    /// <summary>Posts events of any meter, one per value (its payload's <c>value</c>), for a customer at the clock's now.</summary>
    public async Task PostEventsAsync(string eventName, string customer, params decimal[] values) =>
        await PostAsync(values.Select((value, i) => Event(eventName, customer, value, $"e-{Guid.NewGuid():N}-{i}")));

    /// <summary>Posts <paramref name="count"/> api_call events for a customer at the clock's now.</summary>
    public async Task PostApiCallsAsync(string customer, int count) =>
        await PostAsync(Enumerable.Range(0, count).Select(i => Event("api_call", customer, 1, $"a-{Guid.NewGuid():N}-{i}")));

    /// <summary>
    /// Runs CheckThreshold on the pending threshold-checks messages, then InvoiceRun on every
    /// invoice-runs message, each run to the end as an orchestration, until both queues are empty.
    /// </summary>
    /// <returns>The ids of the invoices the runs issued.</returns>
    public async Task<IReadOnlyList<string>> DrainAsync(AppInstance? app = null)
    {
        app ??= App;
        var issued = new List<string>();
        while (true)
        {
            var checks = await ReceiveAllAsync(Names.ThresholdChecksQueue);
            foreach (var body in checks)
            {
                await app.Get<CheckThresholdHandler>().HandleAsync(QueueMessages.ReadThresholdChecks(body)!, Ct);
            }

            var runs = await ReceiveAllAsync(Names.InvoiceRunsQueue);
            foreach (var body in runs)
            {
                if (await RunRequestAsync(QueueMessages.ReadInvoiceRun(body)!, app) is { } id)
                {
                    issued.Add(id);
                }
            }

            if (checks.Count == 0 && runs.Count == 0)
            {
                return issued;
            }
        }
    }

    /// <summary>Moves the business clock and runs ClosePeriods, as its timer would.</summary>
    /// <param name="clockAdvance">Run it as the test clock's advance does (catching up on every period that fell due), not as its schedule does.</param>
    public async Task ClosePeriodsAtAsync(DateTimeOffset now, bool clockAdvance = false)
    {
        Clock.SetUtcNow(now);
        await App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false, IsClockAdvance: clockAdvance), Ct);
    }

    public async Task<IReadOnlyList<InvoiceView>> InvoicesAsync(string customer) => await App.Get<InvoicesHandler>().HandleAsync(customer, Ct);

    public async Task<CustomerUsageResponse> UsageAsync(string customer) => (await App.Get<CustomerUsageHandler>().HandleAsync(customer, Ct))!;

    /// <summary>Every invoice the emulator holds for a customer.</summary>
    public async Task<IReadOnlyList<Invoice>> StripeInvoicesAsync(string customer)
    {
        var list = new List<Invoice>();
        await foreach (var invoice in new InvoiceService(Stripe).ListAutoPagingAsync(new InvoiceListOptions { Customer = customer, Limit = 100 }, cancellationToken: Ct))
        {
            list.Add(invoice);
        }

        return list;
    }

    /// <summary>The real HTTP app on this deployment (same storage, clock and emulator).</summary>
    /// <param name="wallClock">The app's wall clock (webhook signature tolerance); real time when null.</param>
    public HttpClient StartWebClient(TimeProvider? wallClock = null)
    {
        var web = new BillingWebApp(Settings, Clock, wallClock: wallClock);
        owned.Add(web);
        return web.CreateClient();
    }

    /// <summary>The events the emulator emitted for one Stripe invoice, oldest first, as Stripe would POST them.</summary>
    public async Task<IReadOnlyList<(string Id, string Type, string Payload)>> StripeEventsAsync(string stripeInvoiceId)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var events = JsonDocument.Parse(await http.GetStringAsync($"_emulator/events?invoice={stripeInvoiceId}", Ct)).RootElement;
        return [.. events.EnumerateArray().Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("event").GetRawText()))];
    }

    /// <summary>A <c>Stripe-Signature</c> header as Stripe computes it: HMAC-SHA256 over <c>"{t}.{payload}"</c>.</summary>
    public static string Sign(string payload, long timestamp, string secret = WebhookSecret)
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in durableHosts.Values)
        {
            await host.DisposeAsync();
        }

        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        System.IO.File.Delete(catalogPath);
    }

    private async Task PostAsync(IEnumerable<string> events)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', events));
        var response = await App.Get<MeterEventsHandler>().HandleBodyAsync(body, Ct);
        Assert.Equal(0, response.Rejected);
    }

    private string Event(string name, string customer, decimal value, string identifier, DateTimeOffset? timestamp = null) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"event_name":"{{{name}}}","timestamp":{{{(timestamp ?? Clock.GetUtcNow()).ToUnixTimeSeconds()}}},"identifier":"{{{identifier}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":"{{{value}}}"}}""");

    /// <summary>The requests on the invoice-runs queue, left there.</summary>
    public async Task<IReadOnlyList<InvoiceRunRequest>> PeekInvoiceRunsAsync()
    {
        var queue = new QueueClient(Azurite.ConnectionString, Names.InvoiceRunsQueue, WorkQueues.ClientOptions);
        return [.. (await queue.PeekMessagesAsync(32, Ct)).Value.Select(m => QueueMessages.ReadInvoiceRun(m.Body.ToString())!)];
    }

    /// <summary>Takes the threshold-checks messages off their queue without handling them, each as its checks.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<Billing.Domain.Invoicing.ThresholdCheck>>> TakeThresholdChecksAsync() =>
        [.. (await ReceiveAllAsync(Names.ThresholdChecksQueue)).Select(body => QueueMessages.ReadThresholdChecks(body)!)];

    private async Task<IReadOnlyList<string>> ReceiveAllAsync(string queueName)
    {
        var queue = new QueueClient(Azurite.ConnectionString, queueName, WorkQueues.ClientOptions);
        var bodies = new List<string>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
            if (messages.Length == 0)
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                bodies.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }
}

/// <summary>One compute_seconds event of a test batch.</summary>
internal sealed record ComputeEvent(DateTimeOffset Timestamp, string Customer, decimal Seconds);
