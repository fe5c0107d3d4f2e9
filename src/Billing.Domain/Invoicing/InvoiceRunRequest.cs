namespace Billing.Domain.Invoicing;

/// <summary>
/// A request to invoice one subscription period for one reason. Requests are idempotent: invoice
/// runs are keyed on them (<see cref="InvoiceIds"/>), so sending one twice issues one invoice.
/// </summary>
/// <param name="PeriodStart">Unix seconds.</param>
/// <param name="Reason">
/// Stripe's spelling of the reason (<see cref="BillingReasons.ToWire"/>), as the request travels:
/// whoever handles it parses it and refuses one it does not know, with the rest of the request.
/// </param>
public sealed record InvoiceRunRequest(string Subscription, long PeriodStart, string Reason)
{
    public static InvoiceRunRequest For(string subscription, long periodStart, BillingReason reason) =>
        new(subscription, periodStart, reason.ToWire());
}
