namespace Billing.Domain.Invoicing;

/// <summary>
/// An invoice's status, as Stripe names it. Declared in rank order: a status only ever moves to a
/// higher rank (<see cref="InvoiceStatuses.Later"/>), which is what lets webhooks be applied in
/// any order. <see cref="Paid"/> and <see cref="Void"/> are final and share the top rank.
/// </summary>
public enum InvoiceStatus
{
    Draft,
    Open,
    Uncollectible,
    Paid,
    Void,
}
