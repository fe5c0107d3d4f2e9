using Billing.Domain.Invoicing;
using Billing.Domain.Ports;

namespace Billing.Invoicing;

/// <summary>
/// The StripeWebhook function: takes the body the HTTP edge read (at most Stripe:MaxWebhookBytes:
/// the endpoint is anonymous, so nothing larger is held), verifies the signature (with the wall
/// clock: Stripe signs with real time whatever the test clock says), skips events already applied,
/// applies invoice events to our copy of the invoice (<see cref="InvoiceReconciler"/>), then records
/// the event id. Other types, and invoices that are not ours, are acknowledged and ignored, as Stripe asks.
/// </summary>
public sealed partial class StripeWebhookHandler
{
    private readonly IWebhookVerifier verifier;
    private readonly IWebhookEventLog seen;
    private readonly InvoiceReconciler reconciler;
    private readonly WallClock wallClock;
    private readonly ILogger<StripeWebhookHandler> logger;

    public StripeWebhookHandler(
        IWebhookVerifier verifier,
        IWebhookEventLog seen,
        InvoiceReconciler reconciler,
        WallClock wallClock,
        ILogger<StripeWebhookHandler> logger)
    {
        this.verifier = verifier;
        this.seen = seen;
        this.reconciler = reconciler;
        this.wallClock = wallClock;
        this.logger = logger;
    }

    public async Task<WebhookOutcome> HandleAsync(StripeWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (verifier.Verify(request.Payload, request.Signature, wallClock.Time.GetUtcNow()))
        {
            case WebhookVerification.Rejected rejected:
                return new WebhookOutcome.Rejected(rejected.Reason);
            case WebhookVerification.NotAnEvent notAnEvent:
                return new WebhookOutcome.NotAnEvent(notAnEvent.Reason);
            case WebhookVerification.Verified verified:
                return await ApplyAsync(verified.Event, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("Unknown verification result.");
        }
    }

    /// <summary>Applies a verified event (a delivery, or a replay read back from Stripe's event list).</summary>
    public async Task<WebhookOutcome> ApplyAsync(StripeEventFacts stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (await seen.SeenAsync(stripeEvent.Id, cancellationToken).ConfigureAwait(false))
        {
            return new WebhookOutcome.Duplicate(stripeEvent.Id);
        }

        WebhookOutcome outcome = new WebhookOutcome.Ignored(stripeEvent.Id, stripeEvent.Type);
        if (stripeEvent.Type.StartsWith("invoice.", StringComparison.Ordinal) && stripeEvent.Invoice is { } facts)
        {
            // Null: the invoice names no invoice of ours (the reconciler logged it); nothing changed.
            if (await reconciler.ApplyAsync(facts, fresh: false, cancellationToken).ConfigureAwait(false) is { } invoice)
            {
                outcome = new WebhookOutcome.Applied(stripeEvent.Id, stripeEvent.Type, invoice.Id);
                LogApplied(stripeEvent.Id, stripeEvent.Type, invoice.Id, invoice.Status.ToString());
            }
        }

        await seen.RecordAsync(stripeEvent.Id, stripeEvent.Type, wallClock.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Information, Message = "Stripe event {Event} ({Type}) applied to {Invoice}: {Status}")]
    private partial void LogApplied(string @event, string type, string invoice, string status);
}
