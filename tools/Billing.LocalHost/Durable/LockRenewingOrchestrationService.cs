using System.Collections.Concurrent;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Durable;

/// <summary>
/// Renews the lock of every work item the sidecar's dispatchers hold, from the moment it is locked
/// until it is completed, abandoned or released — what DurableTask.Core's own dispatchers do, and
/// what the in-process test host's dispatchers (0.2.3-preview.1) leave out: they never call
/// <c>Renew…WorkItemLockAsync</c> while a worker runs a work item.
/// </summary>
/// <remarks>
/// <para>
/// The Azure Storage provider's lock is the queue message's visibility timeout. Without renewal, an
/// activity (or an orchestration step) that outlives it reappears in the queue while it still runs.
/// The provider refuses the second copy ("is being processed multiple times concurrently") but the
/// dequeue has already changed the message's pop receipt, so the first run's delete then fails
/// (PopReceiptMismatch on Azurite), the abandon that follows fails the same way, and the provider's
/// entry for the work item is never released: the message comes back after every visibility timeout
/// and is refused every time. Orchestration steps lose their control-queue messages the same way,
/// and their completion fails after the history is written.
/// </para>
/// <para>
/// A renewal comes every third of the visibility timeout, so one late or failed renewal (a busy
/// machine, a storage hiccup) still leaves the lock held. Renewal follows the real clock: the
/// visibility timeout runs on the storage service's clock, whatever clock the app is given.
/// </para>
/// </remarks>
internal sealed partial class LockRenewingOrchestrationService : DelegatingOrchestrationService
{
    private readonly ConcurrentDictionary<object, LockRenewal> renewals = new(ReferenceEqualityComparer.Instance);
    private readonly TimeSpan interval;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private bool stopped;

    /// <param name="visibilityTimeout">The provider's work-item and control-queue visibility timeout.</param>
    public LockRenewingOrchestrationService(IOrchestrationService inner, TimeSpan visibilityTimeout, TimeProvider clock, ILogger<LockRenewingOrchestrationService> logger)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(visibilityTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        interval = visibilityTimeout / 3;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>
    /// Stops renewing every lock, now and for work items locked from now on: what a stopped sidecar
    /// still holds (its worker is gone, so the dispatchers wait for results that never come) goes back
    /// to the queue after its visibility timeout, to run on the next start. Idempotent.
    /// </summary>
    /// <remarks>
    /// The service's own stop cannot be the signal: the test host's server stops its dispatchers from
    /// an <c>async void</c> handler that first waits, for up to an hour, for every work item in flight.
    /// </remarks>
    public async Task StopRenewingAsync()
    {
        Volatile.Write(ref stopped, true);
        await Task.WhenAll(renewals.Keys.Select(EndRenewalAsync)).ConfigureAwait(false);
    }

    public override async Task StopAsync(bool isForced)
    {
        await StopRenewingAsync().ConfigureAwait(false);
        await Inner.StopAsync(isForced).ConfigureAwait(false);
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            StartRenewing(workItem, () => Inner.RenewTaskActivityWorkItemLockAsync(workItem), workItem.Id);
        }

        return workItem!;
    }

    public override async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        if (!renewals.TryGetValue(workItem, out var renewal))
        {
            return await Inner.RenewTaskActivityWorkItemLockAsync(workItem).ConfigureAwait(false);
        }

        await renewal.RenewNowAsync().ConfigureAwait(false);
        return workItem;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await EndRenewalAsync(workItem).ConfigureAwait(false);
        await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await EndRenewalAsync(workItem).ConfigureAwait(false);
        await Inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            StartRenewing(workItem, () => Inner.RenewTaskOrchestrationWorkItemLockAsync(workItem), workItem.InstanceId);
        }

        return workItem!;
    }

    public override Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        renewals.TryGetValue(workItem, out var renewal) ? renewal.RenewNowAsync() : Inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await EndRenewalAsync(workItem).ConfigureAwait(false);
        await Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }

    public override async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await EndRenewalAsync(workItem).ConfigureAwait(false);
        await Inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        // The dispatcher always releases, after a completion or an abandon (already stopped then) or
        // after a failure before either.
        await EndRenewalAsync(workItem).ConfigureAwait(false);
        await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    private void StartRenewing(object workItem, Func<Task> renew, string name)
    {
        if (Volatile.Read(ref stopped))
        {
            return;
        }

        renewals[workItem] = LockRenewal.Start(renew, interval, clock, e => LogRenewalFailed(logger, name, ErrorText.Of(e)));

        // A stop that ran between the check and the start above did not see this renewal.
        if (Volatile.Read(ref stopped))
        {
            _ = EndRenewalAsync(workItem);
        }
    }

    private async Task EndRenewalAsync(object workItem)
    {
        if (renewals.TryRemove(workItem, out var renewal))
        {
            await renewal.StopAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Renewing the lock of work item {WorkItem} failed ({Error}); the next renewal follows, and the item reappears to workers only if renewals keep failing for a whole visibility timeout")]
    private static partial void LogRenewalFailed(ILogger logger, string workItem, string error);
}
