namespace Billing.Invoicing;

/// <summary>What became of a webhook delivery. <see cref="Rejected"/> and <see cref="NotAnEvent"/> are errors for Stripe.</summary>
public abstract record WebhookOutcome
{
    private WebhookOutcome()
    {
    }

    /// <summary>Unsigned, forged or stale: nothing changed.</summary>
    public sealed record Rejected(string Reason) : WebhookOutcome;

    /// <summary>Signed, but not an event (no JSON object with an id and a type): nothing changed.</summary>
    public sealed record NotAnEvent(string Reason) : WebhookOutcome;

    /// <summary>The event was applied before; nothing changed.</summary>
    public sealed record Duplicate(string EventId) : WebhookOutcome;

    /// <summary>An invoice event, applied to our invoice <paramref name="InvoiceId"/>.</summary>
    public sealed record Applied(string EventId, string Type, string InvoiceId) : WebhookOutcome;

    /// <summary>A type we do not act on, or an invoice that is not ours: acknowledged, nothing changed.</summary>
    public sealed record Ignored(string EventId, string Type) : WebhookOutcome;
}
