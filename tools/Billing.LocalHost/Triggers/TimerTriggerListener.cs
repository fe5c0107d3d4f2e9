using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// A timer trigger: runs at each occurrence of its NCRONTAB schedule (UTC) on the host's
/// clock. One run at a time across hosts: a run holds a lease on
/// <c>runtime-locks/&lt;function&gt;</c>. With <c>useMonitor</c> the schedule status
/// (<see cref="TimerStatus"/>) is kept in storage: an occurrence another host already ran is
/// skipped, and at start-up a recorded <c>Next</c> in the past means occurrences were missed while
/// no host ran — the function then runs once with <c>IsPastDue</c> true, however many were missed.
/// </summary>
internal sealed partial class TimerTriggerListener : ITriggerListener
{
    /// <summary>The wait after a first failed occurrence (<see cref="FailureBackOff"/> doubles it while failures go on).</summary>
    private static readonly TimeSpan FirstFailureWait = TimeSpan.FromSeconds(1);

    private readonly FunctionMethod function;
    private readonly TimerTriggerBinding binding;
    private readonly BlobClient lockBlob;
    private readonly BlobClient statusBlob;
    private readonly BlobContainerClient locks;
    private readonly BlobContainerClient timers;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly TimeSpan lockLease;
    private readonly ILogger logger;
    private Task loop = Task.CompletedTask;

    public TimerTriggerListener(FunctionMethod function, BlobServiceClient blobs, FunctionInvoker invoker, TimeProvider time, TimeSpan lockLease, ILogger logger)
    {
        this.function = function;
        binding = (TimerTriggerBinding)function.Metadata.Trigger;
        locks = blobs.GetBlobContainerClient(HostStorage.LocksContainer);
        timers = blobs.GetBlobContainerClient(HostStorage.TimersContainer);
        lockBlob = locks.GetBlobClient(function.Name);
        statusBlob = timers.GetBlobClient($"{function.Name}/status");
        this.invoker = invoker;
        this.time = time;
        this.lockLease = lockLease;
        this.logger = logger;
    }

    public string Function => function.Name;

    public Task Completion => loop;

    /// <summary>Prepares the lock and, with the monitor on, runs a missed occurrence once (past due) before returning.</summary>
    public async Task StartAsync(CancellationToken stopping, CancellationToken aborting)
    {
        await locks.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
        await timers.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
        try
        {
            await lockBlob.UploadAsync(BinaryData.Empty, overwrite: false, stopping).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
        }

        if (binding.UseMonitor)
        {
            await CatchUpAsync(aborting).ConfigureAwait(false);
        }

        if (binding.RunOnStartup)
        {
            await RunNowAsync(aborting).ConfigureAwait(false);
        }

        // The schedule continues from now as of start-up, so a clock moved later is always seen.
        var from = time.GetUtcNow();
        loop = Task.Run(() => RunAsync(from, stopping, aborting), CancellationToken.None);
    }

    /// <summary>Timers are not polled; their schedule wakes them.</summary>
    public Task PollNowAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs the function now, outside its schedule (IsPastDue false; the schedule status is left as it is).</summary>
    /// <returns>The invocation, or null when another host holds the timer's lock.</returns>
    public async Task<InvocationRecord?> RunNowAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await UnderLockAsync(
            async (status, ct) => await InvokeAsync($"manual@{Iso(now)}", status, isPastDue: false, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <param name="stopping">Ends the schedule: no occurrence starts after it.</param>
    /// <param name="aborting">Cancels an occurrence still running when the drain is over.</param>
    private async Task RunAsync(DateTimeOffset from, CancellationToken stopping, CancellationToken aborting)
    {
        var backOff = new FailureBackOff(FirstFailureWait);
        try
        {
            while (Next(from) is { } occurrence)
            {
                var wait = occurrence - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                }

                try
                {
                    stopping.ThrowIfCancellationRequested();
                    await RunOccurrenceAsync(occurrence, aborting).ConfigureAwait(false);
                    backOff.Succeeded();
                }
                catch (Exception e) when (e is not OperationCanceledException || !(stopping.IsCancellationRequested || aborting.IsCancellationRequested))
                {
                    // Whatever the type: an occurrence that ends the loop would stop the schedule for
                    // good, silently. The failed occurrence is not retried (nor is it by the Functions
                    // host); the wait, on real time as supervision is, keeps a schedule that comes due
                    // every second from failing every second while storage is down.
                    var failedWait = backOff.Failed();
                    LogTimerFailed(logger, e, function.Name, occurrence, ErrorText.Of(e), backOff.Failures, failedWait);
                    await Task.Delay(failedWait, stopping).ConfigureAwait(false);
                }

                // Occurrences that passed while this one ran are not run one by one (no burst).
                var now = time.GetUtcNow();
                from = now > occurrence ? now : occurrence;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || aborting.IsCancellationRequested)
        {
        }
    }

    private async Task RunOccurrenceAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var ran = await UnderLockAsync(
            async (status, ct) =>
            {
                if (status is not null && status.Next > occurrence)
                {
                    return null; // another host ran this occurrence
                }

                var record = await InvokeAsync(Iso(occurrence), status, isPastDue: false, ct).ConfigureAwait(false);
                await WriteStatusAsync(occurrence, ct).ConfigureAwait(false);
                return record;
            },
            cancellationToken).ConfigureAwait(false);
        if (ran is null)
        {
            LogSkipped(logger, function.Name, occurrence);
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await UnderLockAsync<InvocationRecord>(
            async (status, ct) =>
            {
                var now = time.GetUtcNow();
                if (status is null)
                {
                    await WriteStatusAsync(null, ct).ConfigureAwait(false);
                    return null;
                }

                if (status.Next >= now)
                {
                    return null;
                }

                LogPastDue(logger, function.Name, status.Next);
                var record = await InvokeAsync($"{Iso(status.Next)} (past due)", status, isPastDue: true, ct).ConfigureAwait(false);
                await WriteStatusAsync(now, ct).ConfigureAwait(false);
                return record;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset? Next(DateTimeOffset after) => binding.Expression.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>Runs <paramref name="body"/> holding the timer's lease; null when another host holds it.</summary>
    private async Task<T?> UnderLockAsync<T>(Func<TimerStatus?, CancellationToken, Task<T?>> body, CancellationToken cancellationToken)
        where T : class
    {
        var lease = lockBlob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(lockLease, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(lease, renewing.Token);
        try
        {
            var status = binding.UseMonitor ? await ReadStatusAsync(cancellationToken).ConfigureAwait(false) : null;
            return await body(status, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Expired meanwhile: nothing to release.
            }
        }
    }

    private static async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException)
        {
            // Lost or storage gone: the run goes on, and the lease expires for the next one.
        }
    }

    private async Task<InvocationRecord> InvokeAsync(string item, TimerStatus? status, bool isPastDue, CancellationToken cancellationToken)
    {
        var timer = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = status is null
                ? null
                : new ScheduleStatus { Last = (status.Last ?? DateTimeOffset.MinValue).UtcDateTime, Next = status.Next.UtcDateTime, LastUpdated = status.LastUpdated.UtcDateTime },
        };
        var input = new TriggerInput(
            item,
            type => type.IsAssignableFrom(typeof(TimerInfo)) ? timer : throw new NotSupportedException($"A timer trigger binds to TimerInfo, not {type.Name}."),
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase));
        return await invoker.InvokeAsync(function, input, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TimerStatus?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await statusBlob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, TimerStatusJson.Default.TimerStatus);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null; // unreadable: start over, as if the monitor had no record
        }
    }

    /// <param name="last">The occurrence (or time) just run; null when nothing ran.</param>
    private async Task WriteStatusAsync(DateTimeOffset? last, CancellationToken cancellationToken)
    {
        if (!binding.UseMonitor)
        {
            return;
        }

        var now = time.GetUtcNow();
        var after = last is { } l && l > now ? l : now;
        var status = new TimerStatus(last, Next(after) ?? DateTimeOffset.MaxValue, now);
        await statusBlob.UploadAsync(BinaryData.FromObjectAsJson(status, TimerStatusJson.Default.TimerStatus), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "{Function}: the occurrence due at {Next:O} was missed while no host ran; running once, past due")]
    private static partial void LogPastDue(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "{Function}: occurrence {Occurrence:O} runs elsewhere (another host holds the lock or ran it)")]
    private static partial void LogSkipped(ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "{Function}: occurrence {Occurrence:O} could not run ({Error}), {Failures} in a row; the schedule goes on in {Wait} at the earliest")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function, DateTimeOffset occurrence, string error, int failures, TimeSpan wait);
}
