using System.Globalization;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;

namespace Billing.Invoicing;

/// <summary>
/// Brings what Stripe says about an invoice into our copy, and compares the two. Applying only
/// ever moves the status up its ranks and the attempt count up, so facts may arrive in any order
/// and any number of times. The comparison covers total and lines once Stripe's invoice is
/// finalized, and the status when the facts were read just now (a webhook's payload is the
/// invoice as it was when the event happened, which a later event may have overtaken). A change
/// that makes an issued invoice paid, or records a failed payment, publishes its outbound event
/// (<see cref="InvoiceEvents"/>).
/// </summary>
public sealed partial class InvoiceReconciler
{
    private readonly IInvoiceStore invoices;
    private readonly IDriftLog drift;
    private readonly InvoiceEvents invoiceEvents;
    private readonly TimeProvider time;
    private readonly ILogger<InvoiceReconciler> logger;

    public InvoiceReconciler(IInvoiceStore invoices, IDriftLog drift, InvoiceEvents invoiceEvents, TimeProvider time, ILogger<InvoiceReconciler> logger)
    {
        this.invoices = invoices;
        this.drift = drift;
        this.invoiceEvents = invoiceEvents;
        this.time = time;
        this.logger = logger;
    }

    /// <param name="fresh">The facts were read from Stripe now, so the status is compared too.</param>
    /// <returns>Our invoice after applying, or null when the facts name no invoice of ours.</returns>
    public async Task<Invoice?> ApplyAsync(StripeInvoiceFacts facts, bool fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (await invoices.GetAsync(facts.Customer, facts.InvoiceId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            LogUnknown(facts.StripeInvoiceId, facts.Customer, facts.InvoiceId);
            return null;
        }

        if (stored.StripeInvoiceId is { } known && known != facts.StripeInvoiceId)
        {
            // Another Stripe invoice claims to be ours: never let it move our state.
            await RecordAsync(stored, [new DriftDifference("stripe_invoice", known, facts.StripeInvoiceId)], cancellationToken).ConfigureAwait(false);
            return stored;
        }

        // Published before the change is written: a webhook or a read interrupted in between is
        // applied again (Stripe redelivers what we did not acknowledge; Reconcile reads what is
        // unsettled), and finds the same change to publish.
        await invoiceEvents.PublishNewAsync(stored, Apply(stored, facts), cancellationToken).ConfigureAwait(false);
        var invoice = await invoices.UpdateAsync(stored, current => Apply(current, facts), cancellationToken).ConfigureAwait(false);
        await CompareAsync(invoice, facts, fresh, cancellationToken).ConfigureAwait(false);
        return invoice;
    }

    private static Invoice Apply(Invoice invoice, StripeInvoiceFacts facts)
    {
        var status = InvoiceStatuses.Later(invoice.Status, facts.Status);
        var attempts = (int)Math.Max(invoice.PaymentAttempts, facts.AttemptCount);
        var error = status == InvoiceStatus.Paid ? null : facts.PaymentError ?? invoice.LastPaymentError;
        // Stripe fixes the link at finalization; a read that has none (a draft's) never erases one we know.
        var hosted = facts.HostedInvoiceUrl ?? invoice.HostedInvoiceUrl;
        return status == invoice.Status && attempts == invoice.PaymentAttempts && error == invoice.LastPaymentError && hosted == invoice.HostedInvoiceUrl
            ? invoice
            : invoice with { Status = status, PaymentAttempts = attempts, LastPaymentError = error, HostedInvoiceUrl = hosted };
    }

    private async Task CompareAsync(Invoice invoice, StripeInvoiceFacts facts, bool fresh, CancellationToken cancellationToken)
    {
        if (invoice.Step < RunStep.Finalized || facts.Status == InvoiceStatus.Draft)
        {
            return; // still being built on one side or the other: nothing to compare yet
        }

        var differences = new List<DriftDifference>();
        if (invoice.Total != facts.Total)
        {
            differences.Add(new DriftDifference("total", Text(invoice.Total), Text(facts.Total)));
        }

        if (facts.LineAmounts is { } stripeLines)
        {
            var ours = invoice.Lines.Select(l => l.Amount).Order().ToArray();
            var theirs = stripeLines.Order().ToArray();
            if (!ours.SequenceEqual(theirs))
            {
                differences.Add(new DriftDifference("lines", string.Join(' ', ours.Select(Text)), string.Join(' ', theirs.Select(Text))));
            }
        }

        if (fresh && invoice.Status != facts.Status)
        {
            differences.Add(new DriftDifference("status", invoice.Status.ToWire(), facts.Status.ToWire()));
        }

        if (differences.Count > 0)
        {
            await RecordAsync(invoice, differences, cancellationToken).ConfigureAwait(false);
        }
        else if (fresh)
        {
            // Only a fresh read clears drift: a webhook's old payload may agree on what was
            // already settled while a fresh read found the status apart.
            await drift.ClearAsync(invoice.Customer, invoice.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(Invoice invoice, IReadOnlyList<DriftDifference> differences, CancellationToken cancellationToken)
    {
        LogDrift(invoice.Id, string.Join("; ", differences.Select(d => $"{d.Field}: ours {d.Ours}, stripe {d.Stripe}")));
        await drift.RecordAsync(new DriftRecord(invoice.Customer, invoice.Id, invoice.StripeInvoiceId, differences, time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
    }

    private static string Text(long amount) => amount.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "Invoice {Invoice} disagrees with Stripe: {Differences}")]
    private partial void LogDrift(string invoice, string differences);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Stripe invoice {StripeInvoice} names {Customer}/{Invoice}, which we do not have: ignored")]
    private partial void LogUnknown(string stripeInvoice, string customer, string invoice);
}
