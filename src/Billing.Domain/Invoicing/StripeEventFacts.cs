namespace Billing.Domain.Invoicing;

/// <summary>A Stripe event as invoicing reads it, delivered by a webhook or listed back for a replay.</summary>
/// <param name="Id">Stripe's event id (<c>evt_…</c>), by which an event is applied once.</param>
/// <param name="Type">Stripe's event type (<c>invoice.paid</c>, …).</param>
/// <param name="Invoice">What the event says of one of our invoices; null when it is not about an invoice, or not one of ours.</param>
public sealed record StripeEventFacts(string Id, string Type, StripeInvoiceFacts? Invoice);
