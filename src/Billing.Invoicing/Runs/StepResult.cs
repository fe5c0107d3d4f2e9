using System.Text.Json.Serialization;

namespace Billing.Invoicing.Runs;

/// <summary>
/// What a step activity did: its steps done (now, or by an earlier execution), with the invoice's
/// <see cref="Status"/> (wire form) afterwards; or the run's Stripe invoice found gone
/// (<see cref="GoneStripeInvoiceId"/>, <see cref="How"/>: <c>missing</c> or <c>void</c>).
/// </summary>
public sealed record StepResult(string Status, string? GoneStripeInvoiceId = null, string? How = null)
{
    [JsonIgnore]
    public bool Gone => GoneStripeInvoiceId is not null;
}
