using Stripe;

namespace Billing.Stripe;

/// <summary>The result of checking a webhook: a verified event or the reason it was refused.</summary>
public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    public sealed record Verified(Event Event) : WebhookVerification;

    public sealed record Rejected(string Reason) : WebhookVerification;
}
