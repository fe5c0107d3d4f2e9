namespace Billing.StripeEmulator.State;

/// <summary>Stripe's invoice statuses: draft → open → paid | uncollectible | void (uncollectible → paid | void).</summary>
internal enum InvoiceStatus
{
    Draft,
    Open,
    Paid,
    Uncollectible,
    Void,
}
