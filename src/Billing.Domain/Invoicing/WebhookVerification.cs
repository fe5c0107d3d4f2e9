namespace Billing.Domain.Invoicing;

/// <summary>The result of checking a webhook: a verified event or the reason it was refused.</summary>
public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    public sealed record Verified(StripeEventFacts Event) : WebhookVerification;

    /// <summary>Unsigned, forged or stale: the body is not known to come from Stripe.</summary>
    public sealed record Rejected(string Reason) : WebhookVerification;

    /// <summary>Signed by Stripe, but not an event: not a JSON object, or without an <c>id</c> or a <c>type</c>.</summary>
    public sealed record NotAnEvent(string Reason) : WebhookVerification;
}
