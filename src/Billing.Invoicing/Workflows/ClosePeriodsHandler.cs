using System.Collections.Concurrent;
using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Ports;
using Billing.Domain.Subscriptions;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Workflows;

/// <summary>
/// The ClosePeriods timer: every period whose end plus the grace period has passed is handed to
/// invoicing once (an <c>invoice-runs</c> request with reason <c>subscription_cycle</c>), in
/// order, however long the app was stopped. A subscription seen for the first time once its
/// anchor has passed also gets its <c>subscription_create</c> request (seats of the first period
/// in advance). Requests are sent before the close markers move, so a crash in between repeats
/// requests rather than losing one; requests are idempotent.
/// <para>
/// A scheduled run hands over at most <see cref="BillingOptions.MaxCatchUpPeriods"/> periods of a
/// subscription at once: one with more due (anchored long ago, or behind after a long outage) is
/// held — nothing is sent for it, its marker stays, and a warning names the setting to raise — so
/// that a catalog anchored a year back does not bill a year in a minute. A run of the test clock's
/// advance (<see cref="TimerRun.IsClockAdvance"/>) was asked to move time and catches up on all of
/// it, up to <see cref="MaxPeriodsPerRun"/> periods per subscription.
/// </para>
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
    /// <summary>At most this many periods of one subscription per run (an advance of the test clock included), so a long outage catches up in steps.</summary>
    public const int MaxPeriodsPerRun = 100;

    /// <summary>
    /// Storage requests in flight at once (sends within a round, then marker writes): closing
    /// 10,000 subscriptions is some 30,000 requests, minutes one at a time at Azure's latencies.
    /// </summary>
    private const int Parallelism = 16;

    private readonly BillingCatalog catalog;
    private readonly IPeriodCloses closes;
    private readonly IInvoiceRunQueue queues;
    private readonly BillingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ClosePeriodsHandler> logger;

    // Subscriptions held back, with the number of periods the last warning named: the warning is
    // logged again only when that number changes (a period more ended), not on every run.
    private readonly ConcurrentDictionary<string, long> warnedHolds = new(StringComparer.Ordinal);

    public ClosePeriodsHandler(
        BillingCatalog catalog,
        IPeriodCloses closes,
        IInvoiceRunQueue queues,
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
        var holding = 0;
        foreach (var subscription in catalog.Subscriptions)
        {
            CloseMarker? marker = markers.TryGetValue(subscription.Id, out var found) ? found : null;
            var next = marker?.NextPeriod ?? 0;
            var ended = EndedPeriods(subscription, next, now);
            if (!run.IsClockAdvance && ended > options.MaxCatchUpPeriods)
            {
                holding++;
                Hold(subscription, next, ended);
                continue;
            }

            warnedHolds.TryRemove(subscription.Id, out _);
            if (Due(subscription, marker, now, Math.Min(ended, MaxPeriodsPerRun)) is { Requests.Count: > 0 } due)
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

        LogClosed(closed, run.IsPastDue, holding);
        return closed;
    }

    /// <summary>How many periods from index <paramref name="next"/> on have ended, grace included, by <paramref name="now"/>.</summary>
    private long EndedPeriods(Subscription subscription, long next, DateTimeOffset now)
    {
        // Period n has ended once anchor + (n + 1) intervals + grace <= now, so the periods ended
        // are those before the one containing now - grace: computed, not counted one by one, since
        // a daily subscription anchored years ago has thousands.
        var current = subscription.Schedule.IndexOf(now - options.GracePeriod);
        return Math.Max(0, current - next);
    }

    /// <summary>Sends nothing for the subscription, and says so once per number of periods held.</summary>
    private void Hold(Subscription subscription, long next, long ended)
    {
        if (warnedHolds.TryGetValue(subscription.Id, out var warned) && warned == ended)
        {
            return;
        }

        warnedHolds[subscription.Id] = ended;
        LogHeld(
            subscription.Id,
            ended,
            Text(subscription.Schedule.StartOf(next)),
            Text(subscription.Schedule.StartOf(next + ended)),
            options.MaxCatchUpPeriods);
    }

    /// <summary>The requests a subscription is due, in the order they must be issued, and where its marker moves once they are sent.</summary>
    /// <param name="periods">How many ended periods to hand over, from the marker on.</param>
    private static Closing Due(Subscription subscription, CloseMarker? marker, DateTimeOffset now, long periods)
    {
        var requests = new List<InvoiceRunRequest>();
        if (marker is null && subscription.BillingCycleAnchor <= now)
        {
            // The subscription has started: its first period's seats are billed in advance.
            requests.Add(new InvoiceRunRequest(subscription.Id, subscription.BillingCycleAnchor.ToUnixTimeSeconds(), "subscription_create"));
        }

        var first = marker?.NextPeriod ?? 0;
        for (var next = first; next < first + periods; next++)
        {
            requests.Add(new InvoiceRunRequest(subscription.Id, subscription.Schedule.StartOf(next).ToUnixTimeSeconds(), "subscription_cycle"));
        }

        return new Closing(subscription.Id, marker, first + periods, requests);
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One subscription's part of a run: its marker as read, where it moves, and the requests to send first.</summary>
    private sealed record Closing(string SubscriptionId, CloseMarker? Marker, long NextPeriod, IReadOnlyList<InvoiceRunRequest> Requests);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "ClosePeriods: {Closed} periods handed to invoicing (past due: {IsPastDue}); {Held} subscriptions held back")]
    private partial void LogClosed(int closed, bool isPastDue, int held);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "ClosePeriods: another instance closed {Subscription} meanwhile; its requests are idempotent")]
    private partial void LogRaced(string subscription);

    [LoggerMessage(
        EventId = 302,
        Level = LogLevel.Warning,
        Message = "ClosePeriods: {Subscription} has {Periods} ended periods to invoice at once, from {From} to {To} (UTC), more than "
            + "Billing__MaxCatchUpPeriods = {MaxCatchUpPeriods} allows: none of them is invoiced, nor its subscription_create invoice if it has not had one. "
            + "To invoice them, set Billing__MaxCatchUpPeriods to {Periods} or more and restart the app; if they should not be billed, "
            + "give the subscription a later billing_cycle_anchor in the catalog")]
    private partial void LogHeld(string subscription, long periods, string from, string to, int maxCatchUpPeriods);
}
