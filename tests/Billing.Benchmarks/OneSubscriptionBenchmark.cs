using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Billing.Domain.Catalog;
using Billing.Domain.Usage;
using Billing.Functions.Hosting;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Ingestion;
using Billing.LocalRuntime.Azurite;
using Billing.Storage;
using Billing.Storage.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Benchmarks;

/// <summary>
/// One subscription-period of many events (<c>--one-subscription-events</c>, e.g. 10,000,000):
/// files and POST /api/meter_events together into one app instance, then a restart (a new app
/// instance: new store, cold caches) and a tenth as many more, the first of them meeting the cold
/// partition. Checks every count and aggregate against the generator's truth and reports the
/// peak working set over the whole run, the cold partition's load time and what compactions wrote.
/// </summary>
internal sealed class OneSubscriptionBenchmark(BenchmarkOptions options)
{
    /// <summary>Share of each phase's events sent over HTTP; the rest come as files.</summary>
    private const double HttpShare = 0.2;

    public async Task<(string Report, bool AllChecked)> RunAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var catalogPath = Path.Combine(Path.GetTempPath(), $"bench-one-catalog-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(catalogPath, BenchCatalog.Json(1, now.AddDays(-10)), cancellationToken);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [ServiceRegistration.StorageConnectionSetting] = azurite.ConnectionString,
                ["Billing:CatalogPath"] = catalogPath,
            };
            var workload = new Workload(1, options.DuplicateRate, options.InvalidRate, now);
            var http = new HttpTruth();
            var first = Split(options.OneSubscriptionEvents);
            var second = Split(options.OneSubscriptionEvents / 10);

            // Files for both phases are generated and uploaded before anything is measured; those of
            // the second phase repeat events of the first (duplicates are drawn from all earlier ones).
            var generate = Stopwatch.StartNew();
            var firstFiles = await UploadAsync(settings, workload, "one/first", first.FileEvents, cancellationToken);
            var firstTruth = workload.Snapshot();
            var secondFiles = await UploadAsync(settings, workload, "one/second", second.FileEvents, cancellationToken);
            var secondTruth = workload.Snapshot() - firstTruth;
            generate.Stop();

            var baseline = PeakMemory.Reset();
            var phase1 = await PhaseAsync(settings, firstFiles, first.HttpEvents, 0, http, firstTruth, cold: false, cancellationToken);
            var phase2 = await PhaseAsync(settings, secondFiles, second.HttpEvents, first.HttpEvents / options.HttpBatch, http, secondTruth, cold: true, cancellationToken);
            var peak = PeakMemory.PeakBytes();
            var aggregates = await CheckAggregatesAsync(settings, workload, http, now, cancellationToken);

            var allChecked = phase1.Checked && phase2.Checked && aggregates && peak < 512L * 1024 * 1024;
            var result = new JsonObject
            {
                ["events"] = phase1.Events + phase2.Events,
                ["phases"] = new JsonObject { ["files_and_http"] = phase1.Report, ["after_restart"] = phase2.Report },
                ["cold_partition_load_ms"] = phase2.Report["store"]!["max_large_load_ms"]!.DeepClone(),
                ["compactions"] = phase1.Statistics.Compactions + phase2.Statistics.Compactions,
                ["index_bytes_written"] = phase1.Statistics.IndexBytesWritten + phase2.Statistics.IndexBytesWritten,
                ["index_mb_written"] = Figures.Round((phase1.Statistics.IndexBytesWritten + phase2.Statistics.IndexBytesWritten) / 1048576.0, 1),
                ["peak_working_set_mb"] = Figures.Round(peak / 1048576.0, 1),
                ["working_set_at_start_mb"] = Figures.Round(baseline / 1048576.0, 1),
                ["generate_seconds"] = Figures.Round(generate.Elapsed.TotalSeconds, 2),
                ["aggregates_match"] = aggregates,
                ["all_checked"] = allChecked,
                ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["runtime"] = Environment.Version.ToString() },
            };
            return (result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), allChecked);
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    private (long FileEvents, long HttpEvents) Split(long events)
    {
        var httpEvents = (long)(events * HttpShare) / options.HttpBatch * options.HttpBatch;
        return (events - httpEvents, httpEvents);
    }

    /// <summary>One app instance (its own store and caches) ingesting the files and the HTTP batches at once.</summary>
    private async Task<Phase> PhaseAsync(
        Dictionary<string, string?> settings,
        List<UsageFile> files,
        long httpEvents,
        long firstBatch,
        HttpTruth http,
        WorkloadTruth truth,
        bool cold,
        CancellationToken cancellationToken)
    {
        await using var app = await StartAppAsync(settings, cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var handler = app.Services.GetRequiredService<IngestUsageFileHandler>();
        var store = app.Services.GetRequiredService<UsageStore>();
        var reports = new List<FileIngestionReport>();
        long httpAccepted = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        var fileClock = Stopwatch.StartNew();
        var fileTask = Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = options.FileParallelism, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                var report = await handler.HandleAsync(file, ct);
                lock (reports)
                {
                    reports.Add(report);
                }
            }).ContinueWith(t => { fileClock.Stop(); return t; }, TaskScheduler.Default).Unwrap();

        var batches = httpEvents / options.HttpBatch;
        var httpClock = Stopwatch.StartNew();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpClients }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        var next = -1L;
        var httpTask = Task.WhenAll(Enumerable.Range(0, options.HttpClients).Select(_ => Task.Run(
            async () =>
            {
                long index;
                while ((index = Interlocked.Increment(ref next)) < batches)
                {
                    using var content = new ByteArrayContent(http.Body(firstBatch + index, options.HttpBatch, TimeProvider.System.GetUtcNow()));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync("/api/meter_events", content, cancellationToken);
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Add(ref httpAccepted, body!["accepted"]!.GetValue<long>());
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            },
            cancellationToken))).ContinueWith(t => { httpClock.Stop(); return t; }, TaskScheduler.Default).Unwrap();

        await Task.WhenAll(fileTask, httpTask);
        clock.Stop();
        var statistics = store.Statistics;
        await app.StopAsync(cancellationToken);

        var fileEvents = reports.Sum(r => r.Events);
        var accepted = reports.Sum(r => r.Accepted);
        var duplicates = reports.Sum(r => r.Duplicates);
        var rejected = reports.Sum(r => r.Rejected);
        var countsMatch = accepted == truth.Accepted && duplicates == truth.Duplicates && rejected == truth.Rejected
            && httpAccepted == batches * options.HttpBatch && failures == 0 && reports.Count == files.Count;
        var events = fileEvents + (batches * options.HttpBatch);
        var report = new JsonObject
        {
            ["cold_start"] = cold,
            ["events"] = events,
            ["seconds"] = Figures.Round(clock.Elapsed.TotalSeconds, 2),
            ["events_per_s"] = Figures.Round(events / clock.Elapsed.TotalSeconds),
            ["file_events"] = fileEvents,
            ["file_seconds"] = Figures.Round(fileClock.Elapsed.TotalSeconds, 2),
            ["http_events"] = batches * options.HttpBatch,
            ["http_seconds"] = Figures.Round(httpClock.Elapsed.TotalSeconds, 2),
            ["failed_requests"] = failures,
            ["counts"] = new JsonObject
            {
                ["accepted"] = accepted + httpAccepted,
                ["duplicates"] = duplicates,
                ["rejected"] = rejected,
                ["expected_accepted"] = truth.Accepted + (batches * options.HttpBatch),
                ["expected_duplicates"] = truth.Duplicates,
                ["expected_rejected"] = truth.Rejected,
                ["match"] = countsMatch,
            },
            ["store"] = new JsonObject
            {
                ["compactions"] = statistics.Compactions,
                ["index_rows_written"] = statistics.IndexRowsWritten,
                ["index_mb_written"] = Figures.Round(statistics.IndexBytesWritten / 1048576.0, 1),
                ["large_loads"] = statistics.LargeLoads,
                ["max_large_load_ms"] = Figures.Round(statistics.MaxLargeLoadMilliseconds, 1),
                ["index_candidates"] = statistics.IndexCandidates,
                ["index_hits"] = statistics.IndexHits,
                ["bucket_reads"] = statistics.BucketReads,
                ["peak_cached_mb"] = Figures.Round(statistics.PeakCachedBytes / 1048576.0, 1),
            },
        };
        return new Phase(events, report, statistics, countsMatch);
    }

    private static async Task<WebApplication> StartAppAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddBilling(builder.Configuration);
        var app = builder.Build();
        app.MapBilling();
        await app.Services.InitializeBillingStorageAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        return app;
    }

    private async Task<List<UsageFile>> UploadAsync(Dictionary<string, string?> settings, Workload workload, string prefix, long events, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var names = new StorageNames();
        var container = new BlobServiceClient(configuration[ServiceRegistration.StorageConnectionSetting]).GetBlobContainerClient(names.UsageContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var count = (int)Math.Max(1, Math.Min(options.Files, events / 100_000));
        var files = new List<UsageFile>();
        for (var f = 0; f < count; f++)
        {
            var fileEvents = (events / count) + (f < events % count ? 1 : 0);
            var blob = container.GetBlockBlobClient($"{prefix}-{f:D3}.jsonl.gz");
            await using (var stream = await blob.OpenWriteAsync(overwrite: true, new Azure.Storage.Blobs.Models.BlockBlobOpenWriteOptions { BufferSize = 8 * 1024 * 1024 }, cancellationToken))
            {
                workload.Write(stream, fileEvents, gzip: true);
            }

            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            files.Add(new UsageFile(container.Name, blob.Name, properties.Value.ETag.ToString()));
        }

        return files;
    }

    /// <summary>Reads the partition in a fresh app instance and compares its quantities with both generators' truth.</summary>
    private static async Task<bool> CheckAggregatesAsync(Dictionary<string, string?> settings, Workload workload, HttpTruth http, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddBilling(configuration).BuildServiceProvider();
        var subscription = services.GetRequiredService<BillingCatalog>().Subscriptions.Single();
        var snapshot = await services.GetRequiredService<UsageStore>().ReadAsync(new UsagePartition(subscription.Id, subscription.Schedule.PeriodContaining(now)!.Value), cancellationToken);
        return snapshot is not null
            && snapshot.QuantityOf("compute_seconds") == workload.ComputeSum + http.ComputeSum
            && snapshot.QuantityOf("api_calls") == workload.ApiCalls + http.ApiCalls
            && snapshot.QuantityOf("storage_gb") == Math.Max(workload.MaxStorage[0], http.MaxStorage);
    }

    private sealed record Phase(long Events, JsonObject Report, UsageStoreStatistics Statistics, bool Checked);

    /// <summary>
    /// The HTTP batches: batch b's event i is a pure function of (b, i), unique by identifier, so
    /// its truth is summed as bodies are built (all are accepted).
    /// </summary>
    private sealed class HttpTruth
    {
        private readonly Lock gate = new();

        public decimal ComputeSum { get; private set; }

        public long ApiCalls { get; private set; }

        public decimal MaxStorage { get; private set; }

        public byte[] Body(long batch, int size, DateTimeOffset now)
        {
            var customer = Workload.Customer(0);
            var timestamp = now.ToUnixTimeSeconds() - 60;
            var json = new StringBuilder("[");
            decimal compute = 0, storage = 0;
            long api = 0;
            for (var i = 0; i < size; i++)
            {
                json.Append(i == 0 ? string.Empty : ",");
                switch (i % 3)
                {
                    case 0:
                        compute += (i % 97) + 0.5m;
                        json.Append($$$"""{"event_name":"compute_seconds","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":"{{{i % 97}}}.5"}}""");
                        break;
                    case 1:
                        api++;
                        json.Append($$$"""{"event_name":"api_call","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}"}}""");
                        break;
                    default:
                        storage = Math.Max(storage, i % 500);
                        json.Append($$$"""{"event_name":"storage_gb","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":{{{i % 500}}}}}""");
                        break;
                }
            }

            lock (gate)
            {
                ComputeSum += compute;
                ApiCalls += api;
                MaxStorage = Math.Max(MaxStorage, storage);
            }

            return Encoding.UTF8.GetBytes(json.Append(']').ToString());
        }
    }
}
