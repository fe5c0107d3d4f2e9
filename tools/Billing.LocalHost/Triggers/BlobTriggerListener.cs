using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// A blob trigger by container scan: every scan lists the container, and each blob version
/// (name, ETag) without a final receipt is claimed and run, at most
/// <see cref="BlobsConfiguration.MaxDegreeOfParallelism"/> at once per host. A claim is a lease
/// in its receipt, renewed while the function runs; a host that dies loses it and another (or the
/// next start) retries. After <see cref="BlobsConfiguration.PoisonBlobThreshold"/> failed tries the
/// receipt says Poison (with the last error) and a message goes to <c>webjobs-blobtrigger-poison</c>,
/// as the Functions host does. Other blobs go on meanwhile. The function gets the blob as its
/// trigger parameter (a <see cref="BlobClient"/>, a stream, text or bytes) and the binding data
/// the isolated worker has: <c>name</c>, <c>BlobTrigger</c>, <c>Uri</c>, <c>Properties</c> (JSON,
/// with the version's ETag) and <c>Metadata</c>.
/// </summary>
internal sealed partial class BlobTriggerListener : ITriggerListener
{
    private readonly FunctionMethod function;
    private readonly BlobTriggerBinding binding;
    private readonly BlobsConfiguration configuration;
    private readonly BlobContainerClient container;
    private readonly TableClient receipts;
    private readonly QueueClient poison;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly TimeSpan scanInterval;
    private readonly TimeSpan lease;
    private readonly string instanceId;
    private readonly ILogger logger;
    private readonly Signal signal = new();
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<string, Task> running = new();
    private readonly ConcurrentDictionary<string, bool> finished = new();
    private Task loop = Task.CompletedTask;
    private CancellationToken aborting;

    public BlobTriggerListener(
        FunctionMethod function,
        BlobsConfiguration configuration,
        BlobServiceClient blobs,
        QueueServiceClient queues,
        TableClient receipts,
        FunctionInvoker invoker,
        TimeProvider time,
        TimeSpan scanInterval,
        TimeSpan lease,
        string instanceId,
        ILogger logger)
    {
        this.function = function;
        binding = (BlobTriggerBinding)function.Metadata.Trigger;
        this.configuration = configuration;
        container = blobs.GetBlobContainerClient(binding.Container);
        poison = queues.GetQueueClient(HostStorage.BlobPoisonQueue);
        this.receipts = receipts;
        this.invoker = invoker;
        this.time = time;
        this.scanInterval = scanInterval;
        this.lease = lease;
        this.instanceId = instanceId;
        this.logger = logger;
        slots = new SemaphoreSlim(configuration.MaxDegreeOfParallelism, configuration.MaxDegreeOfParallelism);
    }

    public string Function => function.Name;

    public Task Completion => loop;

    public async Task StartAsync(CancellationToken stopping, CancellationToken aborting)
    {
        this.aborting = aborting;
        await receipts.CreateIfNotExistsAsync(stopping).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
        loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public Task PollNowAsync(CancellationToken cancellationToken) => signal.RequestAsync(cancellationToken);

    private async Task RunAsync(CancellationToken stopping)
    {
        var backOff = new FailureBackOff(scanInterval);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var pass = signal.BeginPass();
                var wait = scanInterval;
                try
                {
                    await ScanAsync(stopping).ConfigureAwait(false);
                    backOff.Succeeded();
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // Whatever the type: a scan that ends the loop would stop the trigger for good,
                    // silently (Azurite answers List Blobs with a 500 and an empty body once a blob
                    // name has a control character, and the SDK throws an XmlException parsing it).
                    wait = backOff.Failed();
                    LogScanFailed(logger, e, function.Name, ErrorText.Of(e), backOff.Failures, wait);
                }
                finally
                {
                    pass.TrySetResult();
                }

                await signal.WaitAsync(wait, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    private async Task ScanAsync(CancellationToken stopping)
    {
        var candidates = new List<BlobVersion>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = binding.NamePrefix }, stopping).ConfigureAwait(false))
            {
                if (item.Deleted || !item.Name.EndsWith(binding.NameSuffix, StringComparison.Ordinal)
                    || item.Name.Length < binding.NamePrefix.Length + binding.NameSuffix.Length)
                {
                    continue;
                }

                var version = new BlobVersion(
                    item.Name,
                    item.Name[binding.NamePrefix.Length..^binding.NameSuffix.Length],
                    Quoted(item.Properties.ETag?.ToString() ?? string.Empty),
                    item.Properties.ContentLength ?? 0,
                    item.Properties.ContentType,
                    item.Properties.LastModified,
                    item.Properties.CreatedOn,
                    item.Properties.BlobType switch { BlobType.Page => "PageBlob", BlobType.Append => "AppendBlob", _ => "BlockBlob" });
                if (!finished.ContainsKey(version.Key) && !running.ContainsKey(version.Key))
                {
                    candidates.Add(version);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // the container does not exist yet
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var known = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in receipts.QueryAsync<TableEntity>(e => e.PartitionKey == function.Name, cancellationToken: stopping).ConfigureAwait(false))
        {
            known[entity.RowKey] = entity;
        }

        foreach (var version in candidates)
        {
            if (!slots.Wait(0, CancellationToken.None))
            {
                return; // a finishing invocation wakes the next scan
            }

            known.TryGetValue(version.Key, out var receipt);
            TableEntity? claim;
            try
            {
                claim = await TryClaimAsync(version, receipt, stopping).ConfigureAwait(false);
            }
            catch
            {
                slots.Release(); // a failed claim must not keep its slot: enough of them would stop the trigger
                throw;
            }

            if (claim is null)
            {
                slots.Release();
                continue;
            }

            // Registered before it starts, so that its own removal (when it ends) comes after.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            running[version.Key] = InvokeAsync(start.Task, version, claim, aborting);
            start.SetResult();
        }
    }

    /// <returns>The claimed receipt (with its new ETag), or null when the version is not this host's to run.</returns>
    private async Task<TableEntity?> TryClaimAsync(BlobVersion version, TableEntity? receipt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (receipt is not null)
        {
            var status = BlobReceipt.Status(receipt);
            if (status is BlobReceipt.Done or BlobReceipt.Poison)
            {
                finished[version.Key] = true;
                return null;
            }

            if (status == BlobReceipt.Running && BlobReceipt.LeaseUntil(receipt) > now)
            {
                return null;
            }
        }

        var tries = receipt is null ? 0 : BlobReceipt.Tries(receipt);
        try
        {
            if (tries >= configuration.PoisonBlobThreshold)
            {
                // Its last try was cut short (its host died) and it has no tries left.
                await PoisonAsync(version, receipt!, tries, receipt!.GetString("LastError") ?? "The host running its last try stopped.", cancellationToken).ConfigureAwait(false);
                return null;
            }

            var claim = BlobReceipt.Create(function.Name, version.Key, version.Name, version.ETag, BlobReceipt.Running, tries + 1, now + lease, instanceId, receipt?.GetString("LastError"), now);
            var response = receipt is null
                ? await receipts.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false)
                : await receipts.UpdateEntityAsync(claim, receipt.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            claim.ETag = response.Headers.ETag ?? throw new InvalidOperationException("The table service returned no ETag.");
            LogClaimed(logger, function.Name, version.Name, version.ETag, tries + 1);
            return claim;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null; // another host claimed it first
        }
    }

    /// <param name="aborting">Cancelled when the host's drain is over: the invocation is abandoned and its claim given back.</param>
    private async Task InvokeAsync(Task start, BlobVersion version, TableEntity claim, CancellationToken aborting)
    {
        await start.ConfigureAwait(false);
        try
        {
            await RunClaimedAsync(version, claim, aborting).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never a faulted task: the host's stop awaits every invocation.
            LogInvocationFailed(logger, e, function.Name, version.Name, ErrorText.Of(e));
        }
        finally
        {
            running.TryRemove(version.Key, out _);
            slots.Release();
            signal.Set();
        }
    }

    /// <summary>Runs the function on a claimed version and records the outcome in its receipt.</summary>
    private async Task RunClaimedAsync(BlobVersion version, TableEntity claim, CancellationToken aborting)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        var holder = new ClaimHolder(claim);
        var renewal = RenewAsync(holder, renewing.Token);
        try
        {
            var tries = BlobReceipt.Tries(holder.Entity);
            var input = BlobTriggerInput.Create(binding, version, container.GetBlobClient(version.Name), tries - 1, configuration.PoisonBlobThreshold - 1);
            var result = await invoker.InvokeAsync(function, input, aborting).ConfigureAwait(false);
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if (result.Succeeded)
            {
                await FinishAsync(holder, version, BlobReceipt.Done, tries, null, CancellationToken.None).ConfigureAwait(false);
                finished[version.Key] = true;
            }
            else if (tries >= configuration.PoisonBlobThreshold)
            {
                await PoisonAsync(version, holder.Entity, tries, result.Error ?? "failed", CancellationToken.None).ConfigureAwait(false);
                finished[version.Key] = true;
            }
            else
            {
                await FinishAsync(holder, version, BlobReceipt.Failed, tries, result.Error, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            // The host stops and the drain is over: give the claim back without spending a try.
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            await FinishAsync(holder, version, BlobReceipt.Failed, BlobReceipt.Tries(holder.Entity) - 1, "The host stopped during this try.", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(ClaimHolder holder, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, cancellationToken).ConfigureAwait(false);
                var renewed = BlobReceipt.Create(
                    function.Name, holder.Entity.RowKey, holder.Entity.GetString("BlobName")!, holder.Entity.GetString("BlobETag")!, BlobReceipt.Running,
                    BlobReceipt.Tries(holder.Entity), time.GetUtcNow() + lease, instanceId, holder.Entity.GetString("LastError"), time.GetUtcNow());
                // Not cancelled once sent: a renewal applied but not seen would leave us a stale ETag.
                var response = await receipts.UpdateEntityAsync(renewed, holder.Entity.ETag, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
                renewed.ETag = response.Headers.ETag!.Value;
                holder.Entity = renewed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            LogClaimLost(logger, function.Name, holder.Entity.GetString("BlobName")!);
        }
        catch (Exception e)
        {
            // The claim is left to expire: the function goes on, and its outcome decides.
            LogRenewalFailed(logger, e, function.Name, holder.Entity.GetString("BlobName")!, ErrorText.Of(e));
        }
    }

    private async Task FinishAsync(ClaimHolder holder, BlobVersion version, string status, int tries, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = BlobReceipt.Create(function.Name, version.Key, version.Name, version.ETag, status, tries, now, instanceId, error, now);
        if (!await ReplaceClaimAsync(holder.Entity, entity, cancellationToken).ConfigureAwait(false))
        {
            LogClaimLost(logger, function.Name, version.Name);
        }
    }

    /// <summary>Replaces a claimed receipt if it is still this host's claim.</summary>
    /// <returns>False when another host took the claim over (its result stands).</returns>
    private async Task<bool> ReplaceClaimAsync(TableEntity claim, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await receipts.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Either an update was applied without our seeing its answer (the claim is still ours)
            // or renewal fell behind and another host took the claim over.
            var current = (await receipts.GetEntityAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (current.GetString("Owner") != claim.GetString("Owner") || BlobReceipt.Status(current) != BlobReceipt.Status(claim)
                || BlobReceipt.Tries(current) != BlobReceipt.Tries(claim))
            {
                return false;
            }

            await receipts.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>The host's convention: a message on webjobs-blobtrigger-poison, then the receipt says Poison (at least once, never lost).</summary>
    private async Task PoisonAsync(BlobVersion version, TableEntity receipt, int tries, string error, CancellationToken cancellationToken)
    {
        var message = BlobTriggerInput.PoisonMessage(function.Name, binding, version);
        await poison.SendMessageAsync(HostStorage.EncodeMessage(message.ToJsonString()), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var entity = BlobReceipt.Create(function.Name, version.Key, version.Name, version.ETag, BlobReceipt.Poison, tries, now, instanceId, error, now);
        if (!await ReplaceClaimAsync(receipt, entity, cancellationToken).ConfigureAwait(false))
        {
            return; // another host poisons it
        }

        LogPoisoned(logger, function.Name, version.Name, version.ETag, tries, error);
    }

    /// <summary>ETags as the service sends them in headers, quoted (some listings, Azurite's among them, leave the quotes out).</summary>
    private static string Quoted(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    /// <summary>The claim's latest receipt (its ETag changes with every renewal).</summary>
    private sealed class ClaimHolder(TableEntity entity)
    {
        public TableEntity Entity { get; set; } = entity;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "{Function}: claimed {Blob} ({ETag}), try {Try}")]
    private static partial void LogClaimed(ILogger logger, string function, string blob, string etag, int @try);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "{Function}: {Blob} ({ETag}) failed {Tries} times and is poisoned: {Error}")]
    private static partial void LogPoisoned(ILogger logger, string function, string blob, string etag, int tries, string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "{Function}: the claim on {Blob} was lost (renewal fell behind the lease); another host retries it")]
    private static partial void LogClaimLost(ILogger logger, string function, string blob);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "{Function}: container scan failed ({Error}), {Failures} in a row; next scan in {Wait}")]
    private static partial void LogScanFailed(ILogger logger, Exception exception, string function, string error, int failures, TimeSpan wait);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "{Function}: {Blob} ended without a recorded outcome ({Error}); its claim expires and it is retried")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function, string blob, string error);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "{Function}: renewing the claim on {Blob} failed ({Error}); it expires unless the function ends first")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string function, string blob, string error);
}
