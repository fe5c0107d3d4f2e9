using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Billing.Cli.Api;
using Billing.Cli.Upload;

namespace Billing.Cli.Hosting;

/// <summary>
/// A stand-in for the blob trigger while the app runs without the local trigger runtime: every
/// second it lists the <c>usage</c> container and invokes <c>POST /IngestUsageBlob</c> (the
/// custom-handler payload) for each blob version that has no summary of that version yet. It keeps
/// no receipts of its own: the summary is the receipt, so a restart does not ingest files again.
/// Up to 4 files at once and 5 tries per version, as host.json asks; no poison records (the local
/// trigger runtime does all of that properly).
/// </summary>
internal sealed class BlobTriggerPoller : IAsyncDisposable
{
    private const int MaxTries = 5;
    private const int Parallelism = 4;
    private static readonly TimeSpan ScanEvery = TimeSpan.FromSeconds(1);

    private readonly BlobServiceClient blobs;
    private readonly HttpClient app;
    private readonly AppOutput log;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<(string Name, string ETag), int> tries = new();
    private readonly HashSet<(string Name, string ETag)> done = [];
    private Task? running;

    private BlobTriggerPoller(BlobServiceClient blobs, HttpClient app, AppOutput log, TimeProvider time)
    {
        this.blobs = blobs;
        this.app = app;
        this.log = log;
        this.time = time;
    }

    /// <param name="app">A client whose base address is the app's own port (invocations are not under /api).</param>
    public static BlobTriggerPoller Start(BlobServiceClient blobs, HttpClient app, AppOutput log, TimeProvider time)
    {
        var poller = new BlobTriggerPoller(blobs, app, log, time);
        poller.running = poller.RunAsync(poller.stop.Token);
        return poller;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (running is not null)
        {
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ScanEvery, time);
        do
        {
            try
            {
                await ScanAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Write($"[blob trigger] scan failed: {e.GetType().Name}: {e.Message}");
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var usage = blobs.GetBlobContainerClient(StorageConnection.UsageContainer);
        var pending = new List<(string Name, string ETag)>();
        try
        {
            await foreach (var blob in usage.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var version = (blob.Name, blob.Properties.ETag?.ToString("H") ?? string.Empty);
                if (done.Contains(version) || tries.GetValueOrDefault(version) >= MaxTries)
                {
                    continue;
                }

                if (await HasSummaryAsync(version, cancellationToken).ConfigureAwait(false))
                {
                    done.Add(version);
                    continue;
                }

                pending.Add(version);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // no usage container yet
        }

        var succeeded = new ConcurrentBag<(string, string)>();
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (version, ct) =>
            {
                if (await InvokeAsync(version, ct).ConfigureAwait(false))
                {
                    succeeded.Add(version);
                }
            }).ConfigureAwait(false);
        done.UnionWith(succeeded);
    }

    private async Task<bool> HasSummaryAsync((string Name, string ETag) version, CancellationToken cancellationToken)
    {
        var summary = blobs.GetBlobContainerClient(StorageConnection.RejectsContainer).GetBlobClient($"{version.Name}.summary.json");
        try
        {
            var content = await summary.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var read = JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, ApiJson.Default.FileSummary);
            return read is not null && read.Etag.Trim('"') == version.ETag.Trim('"');
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<bool> InvokeAsync((string Name, string ETag) version, CancellationToken cancellationToken)
    {
        // The Functions host's request for a blob trigger: the blob's name and properties in Metadata.
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject(),
            ["Metadata"] = new JsonObject
            {
                ["name"] = version.Name,
                ["Properties"] = new JsonObject { ["ETag"] = version.ETag },
            },
        };
        var attempt = tries.AddOrUpdate(version, 1, (_, n) => n + 1);
        try
        {
            using var response = await app.PostAsJsonAsync("IngestUsageBlob", invocation, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                log.Write($"[blob trigger] ingested usage/{version.Name}");
                return true;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            log.Write($"[blob trigger] usage/{version.Name} failed (try {attempt} of {MaxTries}): {(int)response.StatusCode} {body}");
        }
        catch (HttpRequestException e)
        {
            log.Write($"[blob trigger] usage/{version.Name} failed (try {attempt} of {MaxTries}): {e.Message}");
        }

        return false;
    }
}
