using System.Globalization;
using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// The invoice state machine, as Stripe runs it: draft → open (finalize) → paid (pay) |
/// uncollectible (mark_uncollectible) | void; uncollectible → paid | void. A refused change is
/// 400 <c>invoice_not_editable</c> with a message naming the status. Each change emits its event,
/// with the previous status in <c>previous_attributes</c>.
/// </summary>
internal sealed class InvoiceTransitions(EmulatorStore store, InvoiceOperations invoices, EventPublisher events, TimeProvider time)
{
    /// <summary>
    /// Opens a draft: numbers it, applies the customer's balance and fixes <c>amount_due</c>. An
    /// invoice with nothing due (no lines, or credit covering it) is paid at once, as Stripe does.
    /// </summary>
    public ApiResponse Finalize(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("auto_advance");
        var autoAdvance = p.Bool("auto_advance");
        lock (store.Gate)
        {
            var invoice = invoices.Find(request.Route("id"));
            if (invoice.Status != InvoiceStatus.Draft)
            {
                return Refused("This invoice is already finalized, you can't re-finalize a non-draft invoice.");
            }

            store.Changed(invoice);
            var customer = store.Customers[invoice.CustomerId];
            var now = Now();
            invoice.AutoAdvance = autoAdvance ?? invoice.AutoAdvance;
            invoice.Number = $"{customer.InvoicePrefix}-{customer.NextInvoiceSequence.ToString("D4", CultureInfo.InvariantCulture)}";
            customer.NextInvoiceSequence++;
            invoice.StartingBalance = customer.Balance;
            var owed = invoice.Total + customer.Balance;
            invoice.FinalAmountDue = Math.Max(0, owed);
            invoice.EndingBalance = Math.Min(0, owed);
            customer.Balance = invoice.EndingBalance.Value;
            invoice.Status = InvoiceStatus.Open;
            invoice.FinalizedAt = now;
            invoice.HostedInvoiceUrl = request.Context.Origin is { } origin ? $"{origin}/_emulator/hosted/{Uri.EscapeDataString(invoice.Id)}" : null;
            events.Publish(EventTypes.InvoiceFinalized, invoices.Snapshot(invoice), request.Context, PreviousStatus(InvoiceStatus.Draft));
            if (invoice.AmountDue == 0)
            {
                invoice.Attempted = true;
                MarkPaid(invoice, now, request.Context);
            }

            return ApiResponse.Ok(invoices.Snapshot(invoice));
        }
    }

    /// <summary>Charges the customer's payment method for <c>amount_remaining</c>, with the customer's <see cref="PaymentOutcome"/>.</summary>
    public ApiResponse Pay(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("forgive", "off_session", "payment_method", "paid_out_of_band");
        if (p.Bool("paid_out_of_band") == true)
        {
            throw ApiRequestException.Invalid("The Stripe emulator does not support paid_out_of_band.", "paid_out_of_band");
        }

        lock (store.Gate)
        {
            var invoice = invoices.Find(request.Route("id"));
            switch (invoice.Status)
            {
                case InvoiceStatus.Draft:
                    return Refused("This invoice is a draft; finalize it before paying it.");
                case InvoiceStatus.Paid:
                    return Refused("Invoice is already paid.");
                case InvoiceStatus.Void:
                    return Refused("Voided invoices cannot be paid.");
            }

            store.Changed(invoice);
            var now = Now();
            invoice.AttemptCount++;
            invoice.Attempted = true;
            switch (store.Customers[invoice.CustomerId].PaymentOutcome)
            {
                case PaymentOutcome.Declines:
                    events.Publish(EventTypes.InvoicePaymentFailed, invoices.Snapshot(invoice), request.Context);
                    return ApiResponse.Error(StatusCodes.Status402PaymentRequired, new ApiError(
                        ErrorTypes.Card, "Your card was declined.", ErrorCodes.CardDeclined, DeclineCode: "generic_decline"));
                case PaymentOutcome.RequiresAction:
                    events.Publish(EventTypes.InvoicePaymentActionRequired, invoices.Snapshot(invoice), request.Context);
                    return ApiResponse.Error(StatusCodes.Status402PaymentRequired, new ApiError(
                        ErrorTypes.Card,
                        "This payment requires additional user action before it can be completed successfully. The customer must authenticate the payment.",
                        ErrorCodes.RequiresAction));
                default:
                    invoice.AmountPaid += invoice.AmountRemaining;
                    MarkPaid(invoice, now, request.Context);
                    events.Publish(EventTypes.InvoicePaymentSucceeded, invoices.Snapshot(invoice), request.Context);
                    return ApiResponse.Ok(invoices.Snapshot(invoice));
            }
        }
    }

    /// <summary>Voids an open or uncollectible invoice and gives back the customer balance it used.</summary>
    public ApiResponse Void(ApiRequest request)
    {
        request.Parameters.RejectUnknown();
        lock (store.Gate)
        {
            return Void(invoices.Find(request.Route("id")), request.Context);
        }
    }

    /// <summary>
    /// <c>POST /_emulator/invoices/{id}/void</c>: voids the invoice as the API does, as if someone had
    /// done it in Stripe's dashboard (the event names no request). Null when there is no such invoice.
    /// </summary>
    public ApiResponse? VoidFromControl(string id)
    {
        lock (store.Gate)
        {
            return store.Invoices.TryGetValue(id, out var invoice) ? Void(invoice, RequestContext.None) : null;
        }
    }

    public ApiResponse MarkUncollectible(ApiRequest request)
    {
        request.Parameters.RejectUnknown();
        lock (store.Gate)
        {
            var invoice = invoices.Find(request.Route("id"));
            if (invoice.Status != InvoiceStatus.Open)
            {
                return Refused($"Only an open invoice can be marked uncollectible; this one is '{invoice.Status.ToWire()}'.");
            }

            store.Changed(invoice);
            invoice.Status = InvoiceStatus.Uncollectible;
            invoice.MarkedUncollectibleAt = Now();
            var snapshot = invoices.Snapshot(invoice);
            events.Publish(EventTypes.InvoiceMarkedUncollectible, snapshot, request.Context, PreviousStatus(InvoiceStatus.Open));
            return ApiResponse.Ok(snapshot);
        }
    }

    private ApiResponse Void(InvoiceRecord invoice, RequestContext context)
    {
        if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.Uncollectible))
        {
            return Refused(invoice.Status == InvoiceStatus.Draft
                ? "You can only void a finalized invoice; a draft can be deleted instead."
                : $"This invoice can no longer be voided (status '{invoice.Status.ToWire()}').");
        }

        store.Changed(invoice);
        var previous = invoice.Status;
        store.Customers[invoice.CustomerId].Balance += invoice.StartingBalance - (invoice.EndingBalance ?? 0);
        invoice.Status = InvoiceStatus.Void;
        invoice.VoidedAt = Now();
        var snapshot = invoices.Snapshot(invoice);
        events.Publish(EventTypes.InvoiceVoided, snapshot, context, PreviousStatus(previous));
        return ApiResponse.Ok(snapshot);
    }

    private void MarkPaid(InvoiceRecord invoice, long now, RequestContext context)
    {
        var previous = invoice.Status;
        invoice.Status = InvoiceStatus.Paid;
        invoice.PaidAt = now;
        events.Publish(EventTypes.InvoicePaid, invoices.Snapshot(invoice), context, PreviousStatus(previous));
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    private static Dictionary<string, object?> PreviousStatus(InvoiceStatus status) => new(StringComparer.Ordinal) { ["status"] = status.ToWire() };

    private static ApiResponse Refused(string message) =>
        ApiResponse.Error(StatusCodes.Status400BadRequest, new ApiError(ErrorTypes.InvalidRequest, message, ErrorCodes.InvoiceNotEditable));
}
