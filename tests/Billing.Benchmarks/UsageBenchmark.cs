using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.Storage.Queues;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Billing.Domain.Catalog;
using Billing.Domain.Usage;
using Billing.Functions.Hosting;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;
using Billing.LocalDev.Azurite;
using Billing.Storage;
using Billing.Storage.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Benchmarks;

/// <summary>
/// Blob ingestion end to end (the blob function's handler, commit included) against the same
/// run's parse-only ceiling, with counts checked against the generator's ground truth; then HTTP
/// ingestion over loopback.
/// </summary>
internal sealed class UsageBenchmark(BenchmarkOptions options)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var anchor = now.AddDays(-10); // every generated event falls in period 0 of every subscription
        var catalogPath = Path.Combine(Path.GetTempPath(), $"bench-catalog-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(catalogPath, BenchCatalog.Json(options.Customers, anchor), cancellationToken);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [ServiceRegistration.StorageConnectionSetting] = azurite.ConnectionString,
                ["Billing:CatalogPath"] = catalogPath,
            };
            var timing = new StorageTiming(string.Empty);
            await using var services = Services(settings, azurite.ConnectionString, options.Functions ? timing : null);
            await services.InitializeBillingStorageAsync(cancellationToken);

            var result = new JsonObject();
            await using var rules = options.Functions && options.OneFileBytes == 0
                ? await SpendRules.StartAsync(services, Math.Min(options.SpendRules, options.Customers), HostJson.QueueBatchSize(), cancellationToken)
                : null;
            var blob = options.OneFileBytes > 0
                ? await OneLargeFileAsync(services, now, cancellationToken)
                : await BlobWorkloadAsync(services, now, cancellationToken);
            result["blob"] = blob;
            if (options.HttpEvents > 0 && options.OneFileBytes == 0)
            {
                if (rules is not null)
                {
                    var touched = (int)Math.Min(options.HttpEvents / options.HttpBatch, options.Customers);
                    await rules.ArmAsync(now, touched, options.Crossing, cancellationToken);
                }

                result["http"] = await new HttpBenchmark(options, settings, rules is null ? null : rules.Observe).RunAsync(cancellationToken);
            }

            if (rules is not null)
            {
                result["spend_rules"] = await rules.ReportAsync();
                result["storage_requests_of_blob_phase_and_functions"] = timing.ToJson();
            }

            result["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["runtime"] = Environment.Version.ToString() };
            return result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    /// <param name="timing">When given, the table and queue clients time every request with it.</param>
    private static ServiceProvider Services(Dictionary<string, string?> settings, string connectionString, StorageTiming? timing)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables().Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddBillingApp(configuration);
        if (timing is not null)
        {
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(timing, HttpPipelinePosition.PerCall);
            var queueOptions = WorkQueues.ClientOptions;
            queueOptions.AddPolicy(timing, HttpPipelinePosition.PerCall);
            services.AddSingleton(new TableServiceClient(connectionString, tableOptions))
                .AddSingleton(new QueueServiceClient(connectionString, queueOptions));
        }

        return services.BuildServiceProvider();
    }

    private async Task<JsonObject> BlobWorkloadAsync(ServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = services.GetRequiredService<StorageNames>();
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(names.UsageContainer);
        var workload = new Workload(options.Customers, options.DuplicateRate, options.InvalidRate, now);
        var files = new List<UsageFile>();
        var generate = Stopwatch.StartNew();
        for (var f = 0; f < options.Files; f++)
        {
            var events = (options.Events / options.Files) + (f < options.Events % options.Files ? 1 : 0);
            files.Add(await UploadAsync(container, $"bench/part-{f:D3}.jsonl.gz", s => workload.Write(s, events, gzip: true), cancellationToken));
        }

        generate.Stop();
        var compressedBytes = 0L;
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            compressedBytes += item.Properties.ContentLength ?? 0;
        }

        var (parseSeconds, parsed) = await ParseOnlyAsync(services, container, files, cancellationToken);
        var baseline = PeakMemory.Reset();
        var handler = services.GetRequiredService<IngestUsageFileHandler>();
        var clock = Stopwatch.StartNew();
        var reports = new List<FileIngestionReport>();
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = options.FileParallelism, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                var report = await handler.HandleAsync(file, ct);
                lock (reports)
                {
                    reports.Add(report);
                }
            });
        clock.Stop();
        var peak = PeakMemory.PeakBytes();

        var accepted = reports.Sum(r => r.Accepted);
        var duplicates = reports.Sum(r => r.Duplicates);
        var rejected = reports.Sum(r => r.Rejected);
        var aggregates = await CheckAggregatesAsync(services, workload, now, cancellationToken);
        var total = reports.Sum(r => r.Events);
        return new JsonObject
        {
            ["events"] = total,
            ["files"] = files.Count,
            ["compressed_mb"] = Figures.Round(compressedBytes / 1048576.0, 1),
            ["file_parallelism"] = options.FileParallelism,
            ["end_to_end_seconds"] = Figures.Round(clock.Elapsed.TotalSeconds, 2),
            ["end_to_end_events_per_s"] = Figures.Round(total / clock.Elapsed.TotalSeconds),
            ["parse_only_seconds"] = Figures.Round(parseSeconds, 2),
            ["parse_only_events_per_s"] = Figures.Round(parsed / parseSeconds),
            ["ratio_to_parse_only"] = Figures.Round(parseSeconds / clock.Elapsed.TotalSeconds, 3),
            ["peak_working_set_mb"] = Figures.Round(peak / 1048576.0, 1),
            ["working_set_at_start_mb"] = Figures.Round(baseline / 1048576.0, 1),
            ["generate_seconds"] = Figures.Round(generate.Elapsed.TotalSeconds, 2),
            ["counts"] = new JsonObject
            {
                ["accepted"] = accepted,
                ["duplicates"] = duplicates,
                ["rejected"] = rejected,
                ["expected_accepted"] = workload.Accepted,
                ["expected_duplicates"] = workload.Duplicates,
                ["expected_rejected"] = workload.Rejected,
                ["match"] = accepted == workload.Accepted && duplicates == workload.Duplicates && rejected == workload.Rejected,
            },
            ["aggregates_match"] = aggregates,
        };
    }

    private async Task<JsonObject> OneLargeFileAsync(ServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = services.GetRequiredService<StorageNames>();
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(names.UsageContainer);
        var workload = new Workload(options.Customers, options.DuplicateRate, options.InvalidRate, now);
        var file = await UploadAsync(container, "bench/large.jsonl", s => workload.Write(s, 0, gzip: false, minBytes: options.OneFileBytes), cancellationToken);
        var size = (await container.GetBlobClient(file.Name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        var baseline = PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var report = await services.GetRequiredService<IngestUsageFileHandler>().HandleAsync(file, cancellationToken);
        clock.Stop();
        var peak = PeakMemory.PeakBytes();
        return new JsonObject
        {
            ["file_mb"] = Figures.Round(size / 1048576.0, 1),
            ["events"] = report.Events,
            ["end_to_end_seconds"] = Figures.Round(clock.Elapsed.TotalSeconds, 2),
            ["end_to_end_events_per_s"] = Figures.Round(report.Events / clock.Elapsed.TotalSeconds),
            ["peak_working_set_mb"] = Figures.Round(peak / 1048576.0, 1),
            ["working_set_at_start_mb"] = Figures.Round(baseline / 1048576.0, 1),
            ["counts_match"] = report.Accepted == workload.Accepted && report.Duplicates == workload.Duplicates && report.Rejected == workload.Rejected,
            ["aggregates_match"] = await CheckAggregatesAsync(services, workload, now, cancellationToken),
        };
    }

    private static async Task<UsageFile> UploadAsync(BlobContainerClient container, string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(name);
        await using (var stream = await blob.OpenWriteAsync(overwrite: true, new Azure.Storage.Blobs.Models.BlockBlobOpenWriteOptions { BufferSize = 8 * 1024 * 1024 }, cancellationToken))
        {
            write(stream);
        }

        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return new UsageFile(container.Name, name, properties.Value.ETag.ToString());
    }

    /// <summary>The ceiling: download, decompress, parse and validate every file, committing nothing.</summary>
    private async Task<(double Seconds, long Events)> ParseOnlyAsync(
        ServiceProvider services,
        BlobContainerClient container,
        List<UsageFile> files,
        CancellationToken cancellationToken)
    {
        var validator = services.GetRequiredService<EventValidator>();
        var now = TimeProvider.System.GetUtcNow();
        long events = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = options.FileParallelism, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                var read = new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 };
                await using var raw = await container.GetBlobClient(file.Name).OpenReadAsync(read, ct);
                await using var content = EventFiles.Decompress(raw, file.Name);
                long count = 0;
                foreach (var e in EventFiles.Read(content, file.Name))
                {
                    validator.TryValidate(e, now, out _, out _);
                    count++;
                }

                Interlocked.Add(ref events, count);
            });
        return (clock.Elapsed.TotalSeconds, events);
    }

    /// <summary>Reads every subscription's partition and compares the stored quantities with the generator's truth.</summary>
    private static async Task<bool> CheckAggregatesAsync(ServiceProvider services, Workload workload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<BillingCatalog>();
        var store = services.GetRequiredService<UsageStore>();
        decimal compute = 0, api = 0, storage = 0, expectedStorage = workload.MaxStorage.Sum();
        foreach (var subscription in catalog.Subscriptions)
        {
            var period = subscription.Schedule.PeriodContaining(now)!.Value;
            var snapshot = await store.ReadAsync(new UsagePartition(subscription.Id, period), cancellationToken);
            compute += snapshot?.QuantityOf("compute_seconds") ?? 0;
            api += snapshot?.QuantityOf("api_calls") ?? 0;
            storage += snapshot?.QuantityOf("storage_gb") ?? 0;
        }

        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
        {
            Console.Error.WriteLine($"compute {compute} vs {workload.ComputeSum}; api {api} vs {workload.ApiCalls}; storage {storage} vs {expectedStorage}");
        }

        return compute == workload.ComputeSum && api == workload.ApiCalls && storage == expectedStorage;
    }
}
