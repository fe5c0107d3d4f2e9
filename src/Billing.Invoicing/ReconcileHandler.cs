using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Invoicing.Runs;
using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing;

/// <summary>
/// The Reconcile timer. For every invoice not settled yet: a run in flight whose orchestration was
/// never started is started; an issued invoice is read back from
/// Stripe, which repairs a state a missed webhook left behind and compares the two
/// (<see cref="InvoiceReconciler"/>); an open invoice whose last payment failed long enough ago
/// is charged again, up to <see cref="InvoicingOptions.MaxPaymentAttempts"/>.
/// </summary>
public sealed partial class ReconcileHandler
{
    private readonly IInvoiceStore invoices;
    private readonly InvoiceReconciler reconciler;
    private readonly IStripeBilling stripe;
    private readonly InvoicingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ReconcileHandler> logger;
    private readonly InvoiceRunScheduler scheduler;
    private readonly InvoiceRunSteps steps;

    public ReconcileHandler(
        IInvoiceStore invoices,
        InvoiceReconciler reconciler,
        IStripeBilling stripe,
        IOptions<InvoicingOptions> options,
        TimeProvider time,
        InvoiceRunScheduler scheduler,
        InvoiceRunSteps steps,
        ILogger<ReconcileHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.invoices = invoices;
        this.reconciler = reconciler;
        this.stripe = stripe;
        this.options = options.Value;
        this.time = time;
        this.scheduler = scheduler;
        this.steps = steps;
        this.logger = logger;
    }

    /// <summary>
    /// A run in flight whose orchestration does not exist (its start
    /// was interrupted) is started; one that does is left to it. An issued invoice is read back from
    /// Stripe and reconciled; one whose Stripe invoice is gone ends as void with an incident
    /// (<see cref="InvoiceRunSteps.EndVanishedAsync"/>), once. An open invoice whose failed payment is
    /// due again by the business clock gets a <see cref="PaymentRetryOrchestrator"/> for attempt n
    /// (instance <c>{invoice id}.pay{n}</c>, started once).
    /// </summary>
    public async Task<ReconcileReport> HandleAsync(TimerRun run, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(client);
        int checkedCount = 0, resumed = 0, retried = 0;
        await foreach (var invoice in invoices.ListUnsettledAsync(cancellationToken).ConfigureAwait(false))
        {
            if (invoice.InFlight)
            {
                if (await scheduler.StartRunAsync(client, invoice, cancellationToken).ConfigureAwait(false))
                {
                    LogResumed(invoice.Id, invoice.Step.ToString());
                    resumed++;
                }

                continue;
            }

            if (invoice.StripeInvoiceId is null)
            {
                continue;
            }

            Invoice current;
            try
            {
                var facts = await stripe.GetAsync(invoice, cancellationToken).ConfigureAwait(false);
                current = await reconciler.ApplyAsync(facts, fresh: true, cancellationToken).ConfigureAwait(false) ?? invoice;
            }
            catch (StripeInvoiceGoneException e)
            {
                await steps.EndVanishedAsync(invoice, e.StripeInvoiceId, e.How, cancellationToken).ConfigureAwait(false);
                continue;
            }

            checkedCount++;
            if (current is { Status: InvoiceStatus.Open, LastPaymentError: not null, LastPaymentAttemptAt: { } last }
                && current.PaymentAttempts < options.MaxPaymentAttempts
                && last + options.PaymentRetryInterval <= time.GetUtcNow()
                && await scheduler.StartPaymentRetryAsync(client, current, current.PaymentAttempts + 1, cancellationToken).ConfigureAwait(false))
            {
                retried++;
            }
        }

        LogReconciled(checkedCount, resumed, retried, run.IsPastDue);
        return new ReconcileReport(checkedCount, resumed, retried);
    }

    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Reconcile: {Checked} invoices compared with Stripe, {Resumed} runs requested again, {Retried} payments retried (past due: {IsPastDue})")]
    private partial void LogReconciled(int @checked, int resumed, int retried, bool isPastDue);

    [LoggerMessage(EventId = 441, Level = LogLevel.Warning, Message = "Invoice run {Invoice} still in flight at step {Step}: requested again")]
    private partial void LogResumed(string invoice, string step);
}
