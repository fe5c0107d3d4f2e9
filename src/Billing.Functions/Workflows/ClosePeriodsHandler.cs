using Billing.Domain.Catalog;
using Billing.Domain.Subscriptions;
using Billing.Functions.Hosting;
using Billing.Storage.Closes;
using Billing.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Workflows;

/// <summary>
/// The ClosePeriods timer: every period whose end plus the grace period has passed is handed to
/// invoicing once (an <c>invoice-runs</c> request with reason <c>subscription_cycle</c>), in
/// order, however long the app was stopped. A subscription seen for the first time once its
/// anchor has passed also gets its <c>subscription_create</c> request (seats of the first period
/// in advance). Requests are sent before the close markers move, so a crash in between repeats
/// requests rather than losing one; requests are idempotent.
/// </summary>
/// <remarks>
/// Requests go out in rounds — every subscription's first request, then every subscription's
/// second, and so on — so that one subscription's requests are not queued side by side: parallel
/// workers would take them together, and all but one would find the subscription's run lock taken
/// and have to wait for a later delivery. Within a round, and for the markers, order does not
/// matter, so those requests are sent <see cref="Parallelism"/> at a time.
/// </remarks>
public sealed partial class ClosePeriodsHandler
{
    /// <summary>At most this many periods of one subscription per run, so a long outage catches up in steps.</summary>
    public const int MaxPeriodsPerRun = 100;

    /// <summary>
    /// Storage requests in flight at once (sends within a round, then marker writes): closing
    /// 10,000 subscriptions is some 30,000 requests, minutes one at a time at Azure's latencies.
    /// </summary>
    private const int Parallelism = 16;

    private readonly BillingCatalog catalog;
    private readonly PeriodCloseStore closes;
    private readonly WorkQueues queues;
    private readonly BillingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ClosePeriodsHandler> logger;

    public ClosePeriodsHandler(
        BillingCatalog catalog,
        PeriodCloseStore closes,
        WorkQueues queues,
        IOptions<BillingOptions> options,
        TimeProvider time,
        ILogger<ClosePeriodsHandler> logger)
    {
        this.catalog = catalog;
        this.closes = closes;
        this.queues = queues;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <returns>The number of periods closed by this run.</returns>
    public async Task<int> HandleAsync(TimerRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        var markers = await closes.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var closing = new List<Closing>();
        foreach (var subscription in catalog.Subscriptions)
        {
            CloseMarker? marker = markers.TryGetValue(subscription.Id, out var found) ? found : null;
            if (Due(subscription, marker, now) is { Requests.Count: > 0 } due)
            {
                closing.Add(due);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        var rounds = closing.Count == 0 ? 0 : closing.Max(c => c.Requests.Count);
        for (var round = 0; round < rounds; round++)
        {
            await Parallel.ForEachAsync(
                closing.Where(c => round < c.Requests.Count),
                parallel,
                (due, ct) => new ValueTask(queues.EnqueueInvoiceRunAsync(due.Requests[round], ct))).ConfigureAwait(false);
        }

        var closed = 0;
        await Parallel.ForEachAsync(closing, parallel, async (due, ct) =>
        {
            if (await closes.TryAdvanceAsync(due.SubscriptionId, due.Marker, due.NextPeriod, ct).ConfigureAwait(false))
            {
                Interlocked.Add(ref closed, (int)(due.NextPeriod - (due.Marker?.NextPeriod ?? 0)));
            }
            else
            {
                LogRaced(due.SubscriptionId);
            }
        }).ConfigureAwait(false);

        LogClosed(closed, run.IsPastDue);
        return closed;
    }

    /// <summary>The requests a subscription is due, in the order they must be issued, and where its marker moves once they are sent.</summary>
    private Closing Due(Subscription subscription, CloseMarker? marker, DateTimeOffset now)
    {
        var requests = new List<InvoiceRunRequest>();
        if (marker is null && subscription.BillingCycleAnchor <= now)
        {
            // The subscription has started: its first period's seats are billed in advance.
            requests.Add(new InvoiceRunRequest(subscription.Id, subscription.BillingCycleAnchor.ToUnixTimeSeconds(), "subscription_create"));
        }

        var next = marker?.NextPeriod ?? 0;
        var first = next;
        while (next - first < MaxPeriodsPerRun && subscription.Schedule.PeriodAt(next).End + options.GracePeriod <= now)
        {
            requests.Add(new InvoiceRunRequest(subscription.Id, subscription.Schedule.StartOf(next).ToUnixTimeSeconds(), "subscription_cycle"));
            next++;
        }

        return new Closing(subscription.Id, marker, next, requests);
    }

    /// <summary>One subscription's part of a run: its marker as read, where it moves, and the requests to send first.</summary>
    private sealed record Closing(string SubscriptionId, CloseMarker? Marker, long NextPeriod, IReadOnlyList<InvoiceRunRequest> Requests);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "ClosePeriods: {Closed} periods handed to invoicing (past due: {IsPastDue})")]
    private partial void LogClosed(int closed, bool isPastDue);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "ClosePeriods: another instance closed {Subscription} meanwhile; its requests are idempotent")]
    private partial void LogRaced(string subscription);
}
