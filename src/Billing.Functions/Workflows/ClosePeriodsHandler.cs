using Billing.Domain.Catalog;
using Billing.Functions.Hosting;
using Billing.Storage.Closes;
using Billing.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Workflows;

/// <summary>
/// The ClosePeriods timer: every period whose end plus the grace period has passed is handed to
/// invoicing once (an <c>invoice-runs</c> request with reason <c>subscription_cycle</c>), in
/// order, however long the app was stopped. The request is sent before the close marker moves,
/// so a crash in between repeats a request rather than losing one; requests are idempotent.
/// A subscription seen for the first time once its anchor has passed also gets its
/// <c>subscription_create</c> request (seats of the first period in advance).
/// </summary>
public sealed partial class ClosePeriodsHandler
{
    /// <summary>At most this many periods of one subscription per run, so a long outage catches up in steps.</summary>
    public const int MaxPeriodsPerRun = 100;

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
        var closed = 0;
        foreach (var subscription in catalog.Subscriptions)
        {
            CloseMarker? marker = markers.TryGetValue(subscription.Id, out var found) ? found : null;
            var starting = marker is null && subscription.BillingCycleAnchor <= now;
            if (starting)
            {
                // The subscription has started: its first period's seats are billed in advance.
                await queues.EnqueueInvoiceRunAsync(
                    new InvoiceRunRequest(subscription.Id, subscription.BillingCycleAnchor.ToUnixTimeSeconds(), "subscription_create"), cancellationToken).ConfigureAwait(false);
            }

            var next = marker?.NextPeriod ?? 0;
            var first = next;
            while (next - first < MaxPeriodsPerRun && subscription.Schedule.PeriodAt(next).End + options.GracePeriod <= now)
            {
                var start = subscription.Schedule.StartOf(next).ToUnixTimeSeconds();
                await queues.EnqueueInvoiceRunAsync(new InvoiceRunRequest(subscription.Id, start, "subscription_cycle"), cancellationToken).ConfigureAwait(false);
                next++;
            }

            if (next == first && !starting)
            {
                continue;
            }

            if (await closes.TryAdvanceAsync(subscription.Id, marker, next, cancellationToken).ConfigureAwait(false))
            {
                closed += (int)(next - first);
            }
            else
            {
                LogRaced(subscription.Id);
            }
        }

        LogClosed(closed, run.IsPastDue);
        return closed;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "ClosePeriods: {Closed} periods handed to invoicing (past due: {IsPastDue})")]
    private partial void LogClosed(int closed, bool isPastDue);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "ClosePeriods: another instance closed {Subscription} meanwhile; its requests are idempotent")]
    private partial void LogRaced(string subscription);
}
