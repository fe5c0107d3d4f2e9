extern alias emulator;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Billing.Domain.Catalog;
using Billing.Functions.Hosting;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Requests;
using Billing.Invoicing;
using Billing.Invoicing.Runs;
using Billing.Invoicing.Workflows;
using Billing.LocalDev.Azurite;
using Billing.Storage;
using Billing.Storage.Invoices;
using Billing.Storage.Queues;
using StripeEmulatorServer = emulator::Billing.StripeEmulator.Hosting.StripeEmulatorServer;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StripeClient = Stripe.StripeClient;
using StripeClientOptions = Stripe.StripeClientOptions;

namespace Billing.Benchmarks;

/// <summary>
/// Invoicing end to end for <c>--subscriptions</c> monthly subscriptions whose first period has
/// ended: the ClosePeriods timer's handler, then the InvoiceRun queue function draining
/// <c>invoice-runs</c> with <c>--workers</c> handlers at once, each starting its run as an
/// orchestration on the durable engine (<see cref="DurableEngine"/>: the local host's Durable
/// sidecar, its task hub on a second Azurite), until every orchestration has completed, against Azurite and the
/// Stripe emulator in this process. Usage is committed beforehand through the meter-events function (not
/// timed). Every invoice is then checked, ours and Stripe's (<see cref="InvoiceChecks"/>).
/// </summary>
internal sealed class InvoicingBenchmark(BenchmarkOptions options)
{
    /// <summary>In minor units: far above any usage here, so the run issues no threshold invoice.</summary>
    private const long HighThreshold = 1_000_000_000_000;

    /// <summary>The GC heap limit of this mode: 8 GiB (Program sets it).</summary>
    public const ulong HeapHardLimitBytes = 8UL << 30;

    /// <summary>How often the runs' drain looks again for messages (requests sent on by completing runs) after a round that handled some.</summary>
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>When a drain found nothing: the orchestrations are working, and asking whether any still runs is a query over the task hub's instances.</summary>
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Meter-events requests in flight while usage is committed.</summary>
    private const int IngestClients = 4;

    public async Task<(string Report, bool AllChecked)> RunAsync(CancellationToken cancellationToken)
    {
        var workload = new InvoicingWorkload(options.Subscriptions, Billing.Testing.TestCatalogs.Anchor);
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
        // The task hub in a storage account of its own (host.json's durableTask.storageProvider.connectionName
        // in Azure). On Azure Storage that changes nothing for correctness; on Azurite it matters, because
        // every queue request there costs in proportion to the messages held in the whole account (README,
        // "Invoicing benchmark"), and a close's backlog in invoice-runs would slow every Durable queue request.
        await using var taskHubStorage = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
        await using var emulator = await StripeEmulatorServer.StartAsync(cancellationToken: cancellationToken);
        for (var c = 0; c < workload.Subscriptions; c++)
        {
            emulator.SeedCustomer(InvoicingWorkload.Customer(c));
        }

        var catalogPath = Path.Combine(Path.GetTempPath(), $"bench-invoicing-catalog-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(catalogPath, workload.CatalogJson(HighThreshold), cancellationToken);
        try
        {
            // The business clock: inside the first period while usage arrives, then past its end
            // plus the grace period when ClosePeriods runs. Stripe's rate limiter keeps the wall clock.
            var clock = new FakeTimeProvider(workload.FirstEventAt.AddDays(10));
            var prefix = $"inv{Environment.ProcessId}";
            var storageTiming = new StorageTiming(prefix);
            var settings = new Dictionary<string, string?>
            {
                [ServiceRegistration.StorageConnectionSetting] = azurite.ConnectionString,
                ["Storage:Prefix"] = prefix,
                ["Billing:CatalogPath"] = catalogPath,
                ["Stripe:ApiKey"] = StripeEmulatorServer.TestApiKey,
                ["Stripe:ApiBase"] = emulator.ApiBase,
                ["Stripe:RequestsPerSecond"] = options.StripeRequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            await using var services = Services(settings, clock, azurite.ConnectionString, storageTiming);
            await services.InitializeBillingStorageAsync(cancellationToken);
            var taskHub = $"benchhub{Environment.ProcessId}";
            await using var durable = await DurableEngine.StartAsync(taskHubStorage.ConnectionString, taskHub, services.GetRequiredService<InvoiceRunSteps>(), cancellationToken);
            using var azureRequests = new AzureRequestCounts();
            var names = services.GetRequiredService<StorageNames>();
            var queues = services.GetRequiredService<QueueServiceClient>();
            var invoiceRuns = queues.GetQueueClient(names.InvoiceRunsQueue);

            var setup = Stopwatch.StartNew();
            var events = await CommitUsageAsync(services, workload, cancellationToken);
            var thresholdChecks = await QueueDrain.RunAsync(
                queues.GetQueueClient(names.ThresholdChecksQueue),
                options.Workers,
                async (body, ct) =>
                {
                    var checks = QueueMessages.ReadThresholdChecks(body)!;
                    await services.GetRequiredService<CheckThresholdHandler>().HandleAsync(checks, ct);
                    return null;
                },
                cancellationToken);
            var thresholdRuns = (await invoiceRuns.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            setup.Stop();

            var grace = services.GetRequiredService<IOptions<BillingOptions>>().Value.GracePeriod;
            clock.SetUtcNow(workload.Anchor.AddMonths(1) + grace + TimeSpan.FromMinutes(1));
            var stripeBefore = await StripeRequestCounts.ReadAsync(emulator.BaseAddress, cancellationToken);
            var baseline = PeakMemory.Reset();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            storageTiming.Clear();
            azureRequests.Start();
            var cpuBefore = ProcessCpu.Now();
            var taskHubCpuBefore = ProcessCpu.Of(taskHubStorage.ProcessId);
            var load = LoadAverage();
            var total = Stopwatch.StartNew();
            var closed = await services.GetRequiredService<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false), cancellationToken);
            var closeSeconds = total.Elapsed.TotalSeconds;
            var handler = services.GetRequiredService<InvoiceRunHandler>();
            // A subscription's cycle request meets its create run in flight and waits on the run lock;
            // the run sends it on when it completes (before its orchestration completes). So drain,
            // polling as the queue trigger does, until the queue is empty and no orchestration runs.
            var runs = new DrainReport(0, 0, 0, 0, null);
            var rounds = 0;
            using var inFlight = new RunsInFlight(options.RunsInFlight);
            while (true)
            {
                var round = await QueueDrain.RunAsync(
                    invoiceRuns,
                    options.Workers,
                    (body, ct) => inFlight.StartAsync(() => handler.HandleAsync(QueueMessages.ReadInvoiceRun(body)!, durable.Client, ct), durable.Client, ct),
                    cancellationToken);
                rounds++;
                runs = new DrainReport(runs.Handled + round.Handled, runs.Issued + round.Issued, runs.Retries + round.Retries, runs.Failed + round.Failed, runs.FirstError ?? round.FirstError);
                if (await QueueIsEmptyAsync(invoiceRuns, cancellationToken)
                    && !await AnyOrchestrationRunningAsync(durable.Client, cancellationToken)
                    && await QueueIsEmptyAsync(invoiceRuns, cancellationToken))
                {
                    await inFlight.DrainAsync();
                    break;
                }

                await Task.Delay(round.Handled == 0 ? IdlePollInterval : QueuePollInterval, cancellationToken);
            }

            var drainedSeconds = total.Elapsed.TotalSeconds;
            var orchestrations = inFlight.Outcomes;
            total.Stop();
            azureRequests.Stop();
            var peak = PeakMemory.PeakBytes();
            var cpu = ProcessCpu.Now().Since(cpuBefore);
            var taskHubCpu = ProcessCpu.Of(taskHubStorage.ProcessId) - taskHubCpuBefore;
            var storage = storageTiming.ToJson();
            var durableRequests = azureRequests.Total - storageTiming.Total;
            var heapRetained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            var stripe = (await StripeRequestCounts.ReadAsync(emulator.BaseAddress, cancellationToken)).Since(stripeBefore);

            var checks = await new InvoiceChecks(
                services.GetRequiredService<BillingCatalog>(),
                services.GetRequiredService<InvoiceStore>(),
                new StripeClient(new StripeClientOptions { ApiKey = StripeEmulatorServer.TestApiKey, ApiBase = emulator.ApiBase }))
                .RunAsync(workload, options.Workers, cancellationToken);

            var invoices = runs.Issued;
            var cycleInvoices = checks.CycleFound;
            var drainSeconds = total.Elapsed.TotalSeconds - closeSeconds;
            var callsPerInvoice = invoices == 0 ? 0 : (double)stripe.Total / invoices;
            var allChecked = checks.AllCorrect && runs.Failed == 0 && orchestrations.Completed == orchestrations.Started && orchestrations.Started == invoices && thresholdChecks.Failed == 0 && thresholdRuns == 0 && invoices == 2L * workload.Subscriptions;
            var result = new JsonObject
            {
                ["invoicing"] = new JsonObject
                {
                    ["subscriptions"] = workload.Subscriptions,
                    ["workers"] = options.Workers,
                    ["runs_in_flight_limit"] = options.RunsInFlight,
                    ["invoice_runs_messages"] = runs.Handled,
                    ["stripe_requests_per_second_limit"] = options.StripeRequestsPerSecond,
                    ["invoices"] = invoices,
                    ["cycle_invoices"] = cycleInvoices,
                    ["create_invoices"] = checks.Found - checks.CycleFound,
                    ["periods_closed"] = closed,
                    ["end_to_end_seconds"] = Figures.Round(total.Elapsed.TotalSeconds, 2),
                    ["close_periods_seconds"] = Figures.Round(closeSeconds, 2),
                    ["invoice_runs_seconds"] = Figures.Round(drainSeconds, 2),
                    // Of the runs: the queue drain (build the invoice, take the lock, start the orchestration), then the wait for the last orchestration.
                    ["invoice_runs_drain_seconds"] = Figures.Round(drainedSeconds - closeSeconds, 2),
                    ["invoices_per_s"] = Figures.Round(invoices / total.Elapsed.TotalSeconds, 1),
                    ["cycle_invoices_per_s"] = Figures.Round(cycleInvoices / total.Elapsed.TotalSeconds, 1),
                    ["invoice_runs_invoices_per_s"] = Figures.Round(invoices / drainSeconds, 1),
                    ["stripe_calls"] = stripe.Total,
                    ["stripe_calls_per_invoice"] = Figures.Round(callsPerInvoice, 2),
                    ["stripe_calls_by_route"] = new JsonObject(stripe.ByRoute.Where(p => p.Value > 0).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                    ["lines_per_invoice"] = Figures.Round(checks.Found == 0 ? 0 : (double)checks.Lines / checks.Found, 2),
                    // What Stripe's own limits would allow at the measured calls per invoice (test mode 25/s, live 100/s).
                    ["stripe_bound_invoices_per_s"] = new JsonObject
                    {
                        ["test_mode_25_rps"] = Figures.Round(callsPerInvoice == 0 ? 0 : 25 / callsPerInvoice, 1),
                        ["live_100_rps"] = Figures.Round(callsPerInvoice == 0 ? 0 : 100 / callsPerInvoice, 1),
                    },
                    ["peak_working_set_mb"] = Figures.Round(peak / 1048576.0, 1),
                    ["working_set_at_start_mb"] = Figures.Round(baseline / 1048576.0, 1),
                    // Live heap the timed phase left behind: essentially the in-process Stripe emulator's
                    // store (invoices, events, saved idempotent responses), which the app does not hold.
                    ["heap_retained_mb"] = Figures.Round(heapRetained / 1048576.0, 1),
                    // CPU of the timed phase: this process (the app and the in-process Stripe emulator) and the two
                    // Azurites (child processes): the app's storage account and the task hub's.
                    ["cpu_seconds"] = new JsonObject
                    {
                        ["app_and_stripe_emulator"] = Figures.Round(cpu.Self.TotalSeconds, 1),
                        ["azurite_app_account"] = Figures.Round((cpu.Children - taskHubCpu).TotalSeconds, 1),
                        ["azurite_task_hub_account"] = Figures.Round(taskHubCpu.TotalSeconds, 1),
                    },
                    ["app_cpu_ms_per_invoice"] = Figures.Round(invoices == 0 ? 0 : cpu.Self.TotalMilliseconds / invoices, 1),
                    ["storage_requests"] = storage,
                    ["storage_requests_per_invoice"] = Figures.Round(invoices == 0 ? 0 : (double)storageTiming.Total / invoices, 1),
                    // The Durable sidecar's own requests (control queues, work items, history, instances, leases), which
                    // the app's clients do not see: every Azure SDK request of the process less the app's.
                    ["durable_storage_requests"] = new JsonObject
                    {
                        ["requests"] = durableRequests,
                        ["per_invoice"] = Figures.Round(invoices == 0 ? 0 : (double)durableRequests / invoices, 1),
                        ["by_kind"] = azureRequests.ToJson(taskHub, [KeyValuePair.Create("POST $batch", azureRequests.Count("POST $batch") - storageTiming.Count("POST $batch"))]),
                    },
                    ["orchestrations"] = new JsonObject
                    {
                        ["engine"] = $"Durable Task over Azure Storage (local host's sidecar), {DurableEngine.ConcurrentWorkItems} orchestration and {DurableEngine.ConcurrentWorkItems} activity work items at once",
                        ["started"] = orchestrations.Started,
                        ["completed"] = orchestrations.Completed,
                        ["first_not_completed"] = orchestrations.FirstNotCompleted,
                    },
                    ["runs"] = new JsonObject
                    {
                        ["messages_handled"] = runs.Handled,
                        ["drain_rounds"] = rounds,
                        ["retries"] = runs.Retries,
                        ["failed"] = runs.Failed,
                        ["first_error"] = runs.FirstError,
                    },
                    ["setup"] = new JsonObject
                    {
                        ["usage_events"] = events,
                        ["threshold_check_messages"] = thresholdChecks.Handled,
                        ["threshold_runs_requested"] = thresholdRuns,
                        ["seconds"] = Figures.Round(setup.Elapsed.TotalSeconds, 2),
                    },
                    ["checks"] = new JsonObject
                    {
                        ["invoices_expected"] = checks.Expected,
                        ["invoices_found"] = checks.Found,
                        ["invoices_checked"] = checks.Checked,
                        ["unexpected_invoices"] = checks.Unexpected,
                        ["problems"] = checks.Problems,
                        ["examples"] = new JsonArray([.. checks.Examples.Select(e => (JsonNode?)e)]),
                        ["all_correct"] = allChecked,
                    },
                },
                ["machine"] = new JsonObject
                {
                    ["cores"] = Environment.ProcessorCount,
                    ["runtime"] = Environment.Version.ToString(),
                    ["load_average_at_start"] = load,
                    ["gc_heap_limit_mb"] = Figures.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1048576.0),
                },
            };
            return (result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), allChecked);
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    private static async Task<bool> QueueIsEmptyAsync(Azure.Storage.Queues.QueueClient queue, CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount == 0;

    private static async Task<bool> AnyOrchestrationRunningAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], PageSize = 1 };
        await foreach (var unused in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>The 1-minute load average (/proc/loadavg) when the timed phase starts: other work on the machine shows here.</summary>
    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The app's services as <c>Program</c> builds them, with the business clock registered first so that AddBilling keeps it.</summary>
    /// <remarks>The table and queue clients are replaced by the same clients with <paramref name="timing"/> in their pipelines.</remarks>
    private static ServiceProvider Services(Dictionary<string, string?> settings, TimeProvider clock, string connectionString, StorageTiming timing)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables().Build();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(timing, HttpPipelinePosition.PerCall);
        var queueOptions = WorkQueues.ClientOptions;
        queueOptions.AddPolicy(timing, HttpPipelinePosition.PerCall);
        return new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(clock)
            .AddBillingApp(configuration)
            .AddSingleton(new TableServiceClient(connectionString, tableOptions))
            .AddSingleton(new QueueServiceClient(connectionString, queueOptions))
            .BuildServiceProvider();
    }

    /// <summary>Sends every subscription's events through the meter-events function, whole subscriptions per request.</summary>
    /// <returns>The events accepted.</returns>
    private static async Task<long> CommitUsageAsync(ServiceProvider services, InvoicingWorkload workload, CancellationToken cancellationToken)
    {
        var handler = services.GetRequiredService<MeterEventsHandler>();
        var perRequest = InvoicingWorkload.MaxRequestEvents / InvoicingWorkload.MaxEventsPerSubscription;
        long accepted = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, (workload.Subscriptions + perRequest - 1) / perRequest),
            new ParallelOptions { MaxDegreeOfParallelism = IngestClients, CancellationToken = cancellationToken },
            async (request, ct) =>
            {
                var jsonl = new StringBuilder();
                var sent = 0;
                for (var c = request * perRequest; c < Math.Min(workload.Subscriptions, (request + 1) * perRequest); c++)
                {
                    sent += workload.WriteEvents(c, jsonl);
                }

                var body = Encoding.UTF8.GetBytes(jsonl.ToString());
                var parsed = RequestEvents.Parse(body, int.MaxValue) as ParsedRequest.Events
                    ?? throw new InvalidOperationException("The workload's events do not parse as a meter-events request.");
                var response = await handler.HandleAsync(parsed.List, ct);
                if (response.Accepted != sent)
                {
                    var firstRejected = response.Results.FirstOrDefault(r => r.Status != "accepted");
                    throw new InvalidOperationException($"Usage was not all accepted: {response.Accepted} of {sent}, first refusal {firstRejected?.Reason}: {firstRejected?.Message}.");
                }

                Interlocked.Add(ref accepted, response.Accepted);
            });
        return accepted;
    }
}
