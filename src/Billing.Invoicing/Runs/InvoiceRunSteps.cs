using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;

namespace Billing.Invoicing.Runs;

/// <summary>
/// The side effects of an invoice run, one method per activity (docs/invoicing.md). Each reads the
/// invoice row and takes the steps the row says are still to do (activities run at least once);
/// each step does one side effect — a Stripe request keyed <c>billing:{invoice id}:{step}</c> (plus
/// <c>#{generation}</c> for a superseding Stripe invoice), or the ledger written with the step in
/// one ETag-guarded transaction — and persists the step (<see cref="InvoiceRunner.StepAsync"/>). A Stripe invoice found gone is an outcome
/// (<see cref="StepResult.Gone"/>), not a failure: the orchestrator supersedes it once.
/// </summary>
public sealed partial class InvoiceRunSteps
{
    /// <summary>Stripe invoices one of our invoices may have: the first, and one that supersedes it when it vanished.</summary>
    public const int MaxStripeGenerations = 2;

    private readonly IInvoiceStore invoices;
    private readonly InvoiceRunner runner;
    private readonly IIncidentLog incidents;
    private readonly InvoiceEvents invoiceEvents;
    private readonly TimeProvider time;
    private readonly ILogger<InvoiceRunSteps> logger;

    public InvoiceRunSteps(IInvoiceStore invoices, InvoiceRunner runner, IIncidentLog incidents, InvoiceEvents invoiceEvents, TimeProvider time, ILogger<InvoiceRunSteps> logger)
    {
        this.invoices = invoices;
        this.runner = runner;
        this.incidents = incidents;
        this.invoiceEvents = invoiceEvents;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Creates the Stripe draft (step <c>invoice</c>), records its id, and adds the lines to it (steps <c>lines-{chunk}</c>).</summary>
    public Task<StepResult> DraftAsync(InvoiceRef run, CancellationToken cancellationToken) => AdvanceAsync(run, RunStep.Built, RunStep.LinesAdded, cancellationToken);

    /// <summary>Finalizes the Stripe invoice (step <c>finalize</c>), then writes the ledger and the step <see cref="RunStep.Recorded"/> in one transaction guarded by the row's ETag.</summary>
    public Task<StepResult> FinalizeAsync(InvoiceRef run, CancellationToken cancellationToken) => AdvanceAsync(run, RunStep.LinesAdded, RunStep.Recorded, cancellationToken);

    /// <summary>
    /// Charges the recorded invoice once when it is open (step <c>pay</c>; nothing to charge when
    /// finalizing settled it or a webhook said paid), then completes the run with the outcome and
    /// releases the subscription's lock, in one transaction, sending on the requests that waited.
    /// </summary>
    public Task<StepResult> PayAsync(InvoiceRef run, CancellationToken cancellationToken) => AdvanceAsync(run, RunStep.Recorded, RunStep.Completed, cancellationToken);

    /// <summary>
    /// The run's Stripe invoice is gone. The first time, the run supersedes it: the row forgets it
    /// (kept as <see cref="Invoice.SupersededStripeInvoiceId"/>), moves to the next generation of
    /// idempotency keys and goes back to <see cref="RunStep.Built"/>, so the steps issue a fresh
    /// Stripe invoice with the same frozen lines (Record writes the same absolute ledger values again:
    /// the subscription's lock is held, so nothing else moved them). The second time, the run ends:
    /// void, an incident (<c>stripe_object_missing</c>), an error log, the lock released.
    /// Safe to run twice: a row no longer naming the gone Stripe invoice was superseded already.
    /// </summary>
    public async Task<SupersedeResult> SupersedeAsync(SupersedeInput gone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gone);
        var invoice = await GetAsync(new InvoiceRef(gone.Customer, gone.InvoiceId), cancellationToken).ConfigureAwait(false);
        if (!invoice.InFlight)
        {
            return new SupersedeResult(Superseded: false, invoice.Status.ToWire());
        }

        if (invoice.StripeInvoiceId != gone.GoneStripeInvoiceId)
        {
            return new SupersedeResult(Superseded: true, invoice.Status.ToWire());
        }

        if (invoice.StripeGeneration < MaxStripeGenerations)
        {
            var generation = invoice.StripeGeneration + 1;
            await invoices.UpdateAsync(
                invoice,
                r => r.StripeInvoiceId != gone.GoneStripeInvoiceId ? r : r with
                {
                    Step = RunStep.Built,
                    Status = InvoiceStatus.Draft,
                    StripeInvoiceId = null,
                    SupersededStripeInvoiceId = r.StripeInvoiceId,
                    StripeGeneration = generation,
                    PaymentAttempts = 0,
                    LastPaymentError = null,
                    LastPaymentAttemptAt = null,
                },
                cancellationToken).ConfigureAwait(false);
            LogSuperseding(invoice.Id, gone.GoneStripeInvoiceId, gone.How, invoice.Step.ToString(), generation);
            return new SupersedeResult(Superseded: true, InvoiceStatus.Draft.ToWire());
        }

        var ended = await EndVanishedAsync(invoice, gone.GoneStripeInvoiceId, gone.How, cancellationToken).ConfigureAwait(false);
        return new SupersedeResult(Superseded: false, ended.Status.ToWire());
    }

    /// <summary>A step kept failing after its retries: recorded as an incident (<c>run_stalled</c>) and logged as an error; the run tries again after a back-off.</summary>
    public async Task ReportStallAsync(StallInput stall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stall);
        var invoice = await GetAsync(new InvoiceRef(stall.Customer, stall.InvoiceId), cancellationToken).ConfigureAwait(false);
        var message = $"{stall.Orchestration} of invoice {invoice.Id} stalled at step {invoice.Step}: {stall.Error}. It tries again every {stall.RetryAfter}; nothing is lost or duplicated meanwhile.";
        await incidents.RecordAsync(
            new IncidentRecord(invoice.Customer, invoice.Id, invoice.Subscription, [], time.GetUtcNow()) { Reason = IncidentReasons.RunStalled, Message = message },
            cancellationToken).ConfigureAwait(false);
        LogStalled(invoice.Id, stall.Orchestration, invoice.Step.ToString(), stall.Error, stall.RetryAfter);
    }

    /// <summary>
    /// Charges an open invoice again (dunning), attempt n with the key <c>pay-{n}</c>, once: an
    /// attempt already recorded, or an invoice no longer open, is left as it is. A Stripe invoice
    /// gone by now ends the invoice as void with an incident.
    /// </summary>
    public async Task<InvoiceRunResult> RetryPaymentAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var invoice = await GetAsync(new InvoiceRef(attempt.Customer, attempt.InvoiceId), cancellationToken).ConfigureAwait(false);
        if (invoice.InFlight || invoice.Status != InvoiceStatus.Open || invoice.StripeInvoiceId is null || invoice.PaymentAttempts >= attempt.Attempt)
        {
            if (!invoice.InFlight)
            {
                // An execution of this activity that recorded the attempt may have stopped before publishing it.
                await invoiceEvents.PublishOwedAsync(invoice, cancellationToken).ConfigureAwait(false);
            }

            return new InvoiceRunResult(invoice.Id, invoice.Status.ToWire(), RunOutcomes.Completed);
        }

        try
        {
            var outcome = await runner.PayAsync(invoice, $"pay-{attempt.Attempt}", attempt.Attempt, cancellationToken).ConfigureAwait(false);
            invoice = await invoices.UpdateAsync(invoice, outcome, cancellationToken).ConfigureAwait(false);
            await invoiceEvents.PublishOwedAsync(invoice, cancellationToken).ConfigureAwait(false);
            return new InvoiceRunResult(invoice.Id, invoice.Status.ToWire(), RunOutcomes.Completed);
        }
        catch (StripeInvoiceGoneException e)
        {
            invoice = await EndVanishedAsync(invoice, e.StripeInvoiceId, e.How, cancellationToken).ConfigureAwait(false);
            return new InvoiceRunResult(invoice.Id, invoice.Status.ToWire(), RunOutcomes.StripeObjectMissing);
        }
    }

    /// <summary>
    /// Ends an invoice whose Stripe invoice vanished for good: void (a final status: reconciliation
    /// stops reading it), an incident naming both Stripe invoices, an error log, and, when its run is
    /// in flight, the run completed and the subscription's lock released, so later runs proceed.
    /// What its ledger holds stays (docs/invoicing.md): billed once recorded, unbilled before.
    /// </summary>
    internal async Task<Invoice> EndVanishedAsync(Invoice invoice, string stripeInvoiceId, string how, CancellationToken cancellationToken)
    {
        var recorded = invoice.Step >= RunStep.Recorded;
        var superseded = invoice.SupersededStripeInvoiceId is { } first ? $" (it superseded {first}, which vanished before)" : string.Empty;
        var message = $"Stripe invoice {stripeInvoiceId} of invoice {invoice.Id} is gone ({how}){superseded}; the invoice ended as void without a Stripe invoice. "
            + (recorded
                ? $"Its usage is recorded as billed in the ledger ({invoice.Total} {invoice.Currency} minor units): collect it by hand or correct the ledger."
                : "Nothing was recorded in the ledger: the subscription's next invoice bills that usage.");
        await incidents.RecordAsync(
            new IncidentRecord(invoice.Customer, invoice.Id, invoice.Subscription, [], time.GetUtcNow()) { Reason = IncidentReasons.StripeObjectMissing, Message = message },
            cancellationToken).ConfigureAwait(false);
        LogVanished(invoice.Id, stripeInvoiceId, how, invoice.Step.ToString(), recorded);
        Func<Invoice, Invoice> toVoid = r => r with { Status = InvoiceStatus.Void, LastPaymentError = null };
        return invoice.InFlight
            ? await runner.CompleteAsync(invoice, toVoid, cancellationToken).ConfigureAwait(false)
            : await invoices.UpdateAsync(invoice, toVoid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the run's steps from where its row is (at <paramref name="from"/> or past it: an earlier
    /// execution may have done some) up to <paramref name="to"/>, each persisted as it is done.
    /// </summary>
    private async Task<StepResult> AdvanceAsync(InvoiceRef run, RunStep from, RunStep to, CancellationToken cancellationToken)
    {
        var invoice = await GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (invoice.Step < from)
        {
            throw new InvalidOperationException($"Invoice {invoice.Id} is at step {invoice.Step}, before {from}: the orchestration called its steps out of order.");
        }

        try
        {
            while (invoice.InFlight && invoice.Step < to)
            {
                invoice = await runner.StepAsync(invoice, cancellationToken).ConfigureAwait(false);
            }

            // After the steps, whether this execution took them or an earlier one did and stopped
            // before publishing: a failure here fails the activity, which is retried like any step.
            await invoiceEvents.PublishOwedAsync(invoice, cancellationToken).ConfigureAwait(false);
            return new StepResult(invoice.Status.ToWire());
        }
        catch (StripeInvoiceGoneException e)
        {
            return Gone(invoice, e);
        }
    }

    private async Task<Invoice> GetAsync(InvoiceRef run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await invoices.GetAsync(run.Customer, run.InvoiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Invoice {run.Customer}/{run.InvoiceId} does not exist; its run was started before it was written.");
    }

    private StepResult Gone(Invoice invoice, StripeInvoiceGoneException e)
    {
        LogGone(invoice.Id, e.StripeInvoiceId, e.How, invoice.Step.ToString());
        return new StepResult(invoice.Status.ToWire(), e.StripeInvoiceId, e.How);
    }

    [LoggerMessage(EventId = 414, Level = LogLevel.Warning, Message = "Invoice {Invoice}: Stripe invoice {StripeInvoice} is gone ({How}) at step {Step}")]
    private partial void LogGone(string invoice, string stripeInvoice, string how, string step);

    [LoggerMessage(EventId = 415, Level = LogLevel.Warning, Message = "Invoice {Invoice}: Stripe invoice {StripeInvoice} is gone ({How}) at step {Step}; superseded by a new Stripe invoice (generation {Generation})")]
    private partial void LogSuperseding(string invoice, string stripeInvoice, string how, string step, int generation);

    [LoggerMessage(EventId = 416, Level = LogLevel.Error, Message = "Invoice {Invoice}: Stripe invoice {StripeInvoice} is gone ({How}) at step {Step}; the invoice ends as void (usage recorded in the ledger: {Recorded}). Listed in GET /api/reconciliation under incidents (stripe_object_missing)")]
    private partial void LogVanished(string invoice, string stripeInvoice, string how, string step, bool recorded);

    [LoggerMessage(EventId = 417, Level = LogLevel.Error, Message = "{Orchestration} of invoice {Invoice} stalled at step {Step} after its retries: {Error}. Tries again in {RetryAfter}; listed in GET /api/reconciliation under incidents (run_stalled)")]
    private partial void LogStalled(string invoice, string orchestration, string step, string error, TimeSpan retryAfter);
}
