using Billing.Domain.Invoicing;
using Billing.Domain.Ports;

namespace Billing.Invoicing;

/// <summary>
/// Drives an invoice run through its steps (docs/invoicing.md): Stripe draft, lines, finalize,
/// ledger, payment, completion. Each step does its work and then persists the next
/// <see cref="RunStep"/>; a crash between the two repeats the work on resume, which is harmless:
/// every Stripe call carries the key <c>billing:{invoice id}:{step}</c>, so Stripe answers a
/// repeat with what it answered the first time, and the ledger is written in one transaction with
/// the step, guarded by the row's ETag (<see cref="InvoiceStore.RecordAsync"/>). Several
/// drivers of one run (a redelivered message, the reconciliation timer) are safe for the same
/// reasons, and because every write is guarded by the row's ETag.
/// </summary>
public sealed partial class InvoiceRunner
{
    private readonly IInvoiceStore invoices;
    private readonly IStripeBilling stripe;
    private readonly IInvoiceRunQueue queues;
    private readonly TimeProvider time;
    private readonly ILogger<InvoiceRunner> logger;

    public InvoiceRunner(IInvoiceStore invoices, IStripeBilling stripe, IInvoiceRunQueue queues, TimeProvider time, ILogger<InvoiceRunner> logger)
    {
        this.invoices = invoices;
        this.stripe = stripe;
        this.queues = queues;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Takes the run's next step from the row as just read or written, and returns the row as the
    /// step left it: Stripe draft, lines, finalize, ledger, then the charge and the completion.
    /// </summary>
    internal async Task<Invoice> StepAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        switch (invoice.Step)
        {
            case RunStep.Built:
                var stripeId = await stripe.CreateDraftAsync(invoice, "invoice", cancellationToken).ConfigureAwait(false);
                return await AdvanceAsync(invoice, RunStep.Drafted, r => r with { StripeInvoiceId = stripeId }, cancellationToken).ConfigureAwait(false);

            case RunStep.Drafted:
                await stripe.AddLinesAsync(invoice, "lines", cancellationToken).ConfigureAwait(false);
                return await AdvanceAsync(invoice, RunStep.LinesAdded, r => r, cancellationToken).ConfigureAwait(false);

            case RunStep.LinesAdded:
                var finalized = await stripe.FinalizeAsync(invoice, "finalize", cancellationToken).ConfigureAwait(false);
                LogFinalized(invoice.Id, finalized.StripeInvoiceId, finalized.Total, invoice.Currency);
                return await AdvanceAsync(invoice, RunStep.Finalized, r => r with
                    {
                        Status = InvoiceStatuses.Later(r.Status, finalized.Status),
                        HostedInvoiceUrl = finalized.HostedInvoiceUrl ?? r.HostedInvoiceUrl,
                    }, cancellationToken)
                    .ConfigureAwait(false);

            case RunStep.Finalized:
                return await invoices.RecordAsync(invoice, cancellationToken).ConfigureAwait(false);

            case RunStep.Recorded:
                // Nothing to charge when finalizing settled it (nothing due) or a webhook already said paid.
                var outcome = invoice.Status == InvoiceStatus.Open
                    ? await PayAsync(invoice, "pay", attempt: 1, cancellationToken).ConfigureAwait(false)
                    : r => r;
                return await CompleteAsync(invoice, outcome, cancellationToken).ConfigureAwait(false);

            default:
                throw new InvalidOperationException($"Invoice {invoice.Id} is at step {invoice.Step}, which has nothing to run.");
        }
    }

    /// <summary>
    /// Charges the invoice and returns what the outcome does to a row: applied to the row as stored
    /// when it is written, so anything a webhook moved further meanwhile stays (the status only
    /// rises, attempts are a maximum, and a paid invoice has no payment error).
    /// </summary>
    internal async Task<Func<Invoice, Invoice>> PayAsync(Invoice invoice, string step, int attempt, CancellationToken cancellationToken)
    {
        var result = await stripe.PayAsync(invoice, step, cancellationToken).ConfigureAwait(false);
        var at = time.GetUtcNow();
        string? error;
        switch (result)
        {
            case PaymentResult.Paid:
                LogPaid(invoice.Id, invoice.Total, invoice.Currency);
                error = null;
                break;
            case PaymentResult.Declined declined:
                LogNotPaid(invoice.Id, "declined", declined.Reason);
                error = $"declined: {declined.Reason}";
                break;
            case PaymentResult.RequiresAction action:
                LogNotPaid(invoice.Id, "requires_action", action.Reason);
                error = $"requires_action: {action.Reason}";
                break;
            default:
                throw new InvalidOperationException($"Unknown payment result {result.GetType().Name}.");
        }

        return row =>
        {
            var status = result is PaymentResult.Paid ? InvoiceStatuses.Later(row.Status, InvoiceStatus.Paid) : row.Status;
            return row with
            {
                Status = status,
                PaymentAttempts = Math.Max(row.PaymentAttempts, attempt),
                LastPaymentAttemptAt = at,
                LastPaymentError = status == InvoiceStatus.Paid ? null : error,
            };
        };
    }

    /// <summary>Persists <paramref name="step"/> (and what the step learned), unless a concurrent driver already got there.</summary>
    private Task<Invoice> AdvanceAsync(Invoice invoice, RunStep step, Func<Invoice, Invoice> learned, CancellationToken cancellationToken) =>
        invoices.UpdateAsync(invoice, current => current.Step >= step ? current : learned(current) with { Step = step }, cancellationToken);

    /// <summary>
    /// Marks the run completed with the payment's <paramref name="outcome"/> and releases the
    /// subscription's lock, in one transaction. The requests waiting on the lock are sent to the
    /// <c>invoice-runs</c> queue first: a crash between the two sends them again on the retry, which
    /// is harmless (a request whose invoice exists starts nothing), while the other order could lose them.
    /// One delivered before the release finds the run still in flight and waits again, which changes
    /// the lock, so the release fails, reads the lock again and sends it once more.
    /// </summary>
    internal async Task<Invoice> CompleteAsync(Invoice invoice, Func<Invoice, Invoice> outcome, CancellationToken cancellationToken)
    {
        var current = invoice;
        while (true)
        {
            var runLock = await invoices.ReadLockAsync(current.Customer, current.Subscription, cancellationToken).ConfigureAwait(false);
            if (runLock.ActiveInvoice != current.Id)
            {
                // Another driver completed the run and released the lock already.
                return await invoices.GetAsync(current.Customer, current.Id, cancellationToken).ConfigureAwait(false) ?? current;
            }

            foreach (var request in runLock.Waiting)
            {
                await queues.EnqueueInvoiceRunAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var done = outcome(current) with { Step = RunStep.Completed };
            if (await invoices.TryCompleteAsync(done, runLock, cancellationToken).ConfigureAwait(false))
            {
                LogCompleted(done.Id, done.Status.ToWire(), runLock.Waiting.Count);
                return done; // as written (its version is the one read before: the run is over, nothing writes it through this copy)
            }

            // The row changed meanwhile (a webhook, another driver): apply the outcome to it as it is now.
            current = await invoices.GetAsync(current.Customer, current.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Invoice {current.Customer}/{current.Id} disappeared.");
            if (!current.InFlight)
            {
                return current;
            }
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Invoice {Invoice} finalized at Stripe as {StripeInvoice}: {Total} {Currency}")]
    private partial void LogFinalized(string invoice, string stripeInvoice, long total, string currency);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Invoice {Invoice} paid: {Total} {Currency}")]
    private partial void LogPaid(string invoice, long total, string currency);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Invoice {Invoice} not paid ({Outcome}): {Reason}; recorded for dunning")]
    private partial void LogNotPaid(string invoice, string outcome, string reason);

    [LoggerMessage(EventId = 413, Level = LogLevel.Information, Message = "Invoice run {Invoice} completed ({Status}); {Waiting} waiting request(s) of its subscription sent on")]
    private partial void LogCompleted(string invoice, string status, int waiting);
}
