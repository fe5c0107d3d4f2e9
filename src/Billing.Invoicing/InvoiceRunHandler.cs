using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;
using Billing.Domain.Subscriptions;
using Billing.Invoicing.Runs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing;

/// <summary>
/// The InvoiceRun queue function: one <c>invoice-runs</c> request. The requested invoice is built by
/// the prefix rule and its run started as an orchestration (instance id = the invoice id;
/// <see cref="InvoiceRunScheduler"/>). Taking the subscription's run lock and inserting the invoice
/// is one transaction, so two deliveries racing for one subscription cannot both start a run: the
/// loser reads again and decides again. A request that finds a run in flight waits on the lock
/// (<see cref="RunLock.Waiting"/>) and the run sends it on when it completes, so busy subscriptions
/// cost no extra Stripe calls, no failed deliveries and no polling. Lines the builder had to leave
/// out (their price is beyond the line bound) are recorded as an incident and logged as an error;
/// the rest of the invoice is issued and the request completes, so the subscription's later runs go on.
/// </summary>
public sealed partial class InvoiceRunHandler
{
    /// <summary>Rounds of "look at the lock, then try to start ours or wait"; a round only repeats after someone else wrote the lock.</summary>
    private const int MaxRounds = 16;

    /// <summary>
    /// How long ago this request's own run must have taken the lock before a copy of the request
    /// starts its orchestration. A start takes well under this, and a delivery after a crash comes
    /// after the queue's visibility timeout (30 s), so a younger run is being started by another
    /// copy of the request that moment (the completing run sends waiting requests again when its
    /// guarded write loses to a webhook), and this copy waits instead of starting it twice.
    /// </summary>
    internal static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(20);

    private readonly BillingCatalog catalog;
    private readonly IInvoiceStore invoices;
    private readonly InvoiceBuilder builder;
    private readonly InvoiceRunScheduler scheduler;
    private readonly IIncidentLog incidents;
    private readonly TimeProvider time;
    private readonly WallClock wallClock;
    private readonly ILogger<InvoiceRunHandler> logger;

    public InvoiceRunHandler(
        BillingCatalog catalog,
        IInvoiceStore invoices,
        InvoiceBuilder builder,
        InvoiceRunScheduler scheduler,
        IIncidentLog incidents,
        TimeProvider time,
        WallClock wallClock,
        ILogger<InvoiceRunHandler> logger)
    {
        this.wallClock = wallClock;
        this.catalog = catalog;
        this.invoices = invoices;
        this.builder = builder;
        this.scheduler = scheduler;
        this.incidents = incidents;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Builds the invoice and takes the subscription's lock in one transaction, then starts its run
    /// as an orchestration through <paramref name="client"/>. When the subscription's run is in
    /// flight, the request waits on its lock. A run in flight that is this request's own, found
    /// again because the request is delivered again, has its orchestration started if it has none
    /// and took the lock over <see cref="StartGrace"/> ago (the process died between the lock and the
    /// start); a younger one is being started by another copy of the request. Another request's run is left alone: its
    /// own request is delivered again, and Reconcile starts it too, whereas starting it here would
    /// race its handler, which may be starting it this very moment (two starts of one instance).
    /// </summary>
    /// <returns>The id of the invoice whose run this request started, or null when it started none.</returns>
    public async Task<string?> HandleAsync(InvoiceRunRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!TryResolve(request, out var subscription, out var index, out var reason))
        {
            return null;
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var runLock = await invoices.ReadLockAsync(subscription.CustomerId, subscription.Id, cancellationToken).ConfigureAwait(false);
            if (runLock.ActiveInvoice is { } active)
            {
                var running = await invoices.GetAsync(subscription.CustomerId, active, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Invoice {subscription.CustomerId}/{active} holds its subscription's run lock but does not exist.");
                if (IsOwnInterruptedRun(running, subscription.Id, request.PeriodStart, reason)
                    && await scheduler.StartRunAsync(client, running, cancellationToken).ConfigureAwait(false))
                {
                    LogOrphanStarted(active, (long)(wallClock.Time.GetUtcNow() - running.UpdatedAt).TotalSeconds);
                }

                if (await invoices.TryWaitAsync(runLock, request, cancellationToken).ConfigureAwait(false))
                {
                    LogWaiting(subscription.Id, request.PeriodStart, request.Reason, active);
                    return null;
                }

                continue;
            }

            var build = await builder.BuildAsync(subscription, reason, index, runLock, cancellationToken).ConfigureAwait(false);
            if (build.Unbillable.Count > 0)
            {
                await ReportAsync(subscription.CustomerId, subscription.Id, build, cancellationToken).ConfigureAwait(false);
            }

            if (build.Invoice is not { } invoice)
            {
                LogNothing(subscription.Id, request.PeriodStart, request.Reason);
                return null;
            }

            if (await invoices.TryStartAsync(runLock, invoice, cancellationToken).ConfigureAwait(false) is { } started)
            {
                LogStarted(invoice.Id, invoice.Total, invoice.Currency);
                await scheduler.StartRunAsync(client, started, cancellationToken).ConfigureAwait(false);
                return invoice.Id;
            }
        }

        throw new InvalidOperationException($"Subscription {subscription.Id}: no run could start after {MaxRounds} rounds; the request will be delivered again.");
    }

    /// <summary>
    /// Whether the run in flight is this request's own (same subscription, period and reason) and
    /// took the lock longer than <see cref="StartGrace"/> ago by the store's timestamp and the wall
    /// clock: only then may its start have been interrupted rather than be under way.
    /// </summary>
    private bool IsOwnInterruptedRun(Invoice running, string subscription, long periodStart, BillingReason reason) =>
        running.Subscription == subscription && running.PeriodStart == periodStart && running.Reason == reason
        && wallClock.Time.GetUtcNow() - running.UpdatedAt >= StartGrace;

    private bool TryResolve(InvoiceRunRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Subscription? subscription, out long index, out BillingReason reason)
    {
        subscription = catalog.FindSubscription(request.Subscription);
        index = subscription?.Schedule.IndexOf(DateTimeOffset.FromUnixTimeSeconds(request.PeriodStart)) ?? -1;
        reason = default;
        if (subscription is null || index < 0 || subscription.Schedule.StartOf(index).ToUnixTimeSeconds() != request.PeriodStart
            || !BillingReasons.TryParse(request.Reason, out reason))
        {
            LogUnknown(request.Subscription, request.PeriodStart, request.Reason);
            subscription = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Records the lines the invoice leaves out as an incident (<c>GET /api/reconciliation</c>) and
    /// logs each as an error. Written before the run starts, and the same again by a repeated build.
    /// </summary>
    private async Task ReportAsync(string customer, string subscription, InvoiceBuild build, CancellationToken cancellationToken)
    {
        var lines = build.Unbillable
            .Select(l => new IncidentLine(l.PriceId, l.MeterId, l.Period.Start.ToUnixTimeSeconds(), l.Period.End.ToUnixTimeSeconds(), l.Quantity, l.Reason, l.Message))
            .ToArray();
        await incidents.RecordAsync(new IncidentRecord(customer, build.InvoiceId, subscription, lines, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        foreach (var line in build.Unbillable)
        {
            LogLeftOut(build.InvoiceId, line.PriceId, line.Period.Start.ToUnixTimeSeconds(), line.Reason, line.Message);
        }
    }

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Invoice {Invoice} leaves out {Price} of the period from {PeriodStart}, which stays unbilled ({Reason}): {Detail}. Listed in GET /api/reconciliation under incidents")]
    private partial void LogLeftOut(string invoice, string price, long periodStart, string reason, string detail);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Invoice run {Invoice} started: {Total} {Currency}")]
    private partial void LogStarted(string invoice, long total, string currency);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Invoice run request {Subscription}@{PeriodStart} ({Reason}): nothing to invoice")]
    private partial void LogNothing(string subscription, long periodStart, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Invoice run request {Subscription}@{PeriodStart} ({Reason}) waits for run {Active}, in flight; sent on when it completes")]
    private partial void LogWaiting(string subscription, long periodStart, string reason, string active);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Invoice run {Invoice} has held its subscription's lock for {Seconds} s with no orchestration (its start was interrupted): started now")]
    private partial void LogOrphanStarted(string invoice, long seconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Invoice run request for an unknown subscription period or reason {Subscription}@{PeriodStart} ({Reason}): ignored")]
    private partial void LogUnknown(string subscription, long periodStart, string reason);
}
