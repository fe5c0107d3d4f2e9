using System.Text.Json.Serialization;

namespace Billing.Invoicing.Runs;

/// <summary>
/// What a step activity did: done (now, or by an earlier execution), or found the run's Stripe
/// invoice gone (<see cref="GoneStripeInvoiceId"/>, <see cref="How"/>: <c>missing</c> or <c>void</c>).
/// </summary>
public sealed record StepResult(string? GoneStripeInvoiceId = null, string? How = null)
{
    public static StepResult Done { get; } = new();

    [JsonIgnore]
    public bool Gone => GoneStripeInvoiceId is not null;
}
