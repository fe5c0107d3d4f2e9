namespace Billing.Functions.Invoicing;

/// <summary>What became of a webhook delivery. Only <see cref="Rejected"/> is an error (400) for Stripe.</summary>
public abstract record WebhookOutcome
{
    private WebhookOutcome()
    {
    }

    /// <summary>Unsigned, forged, stale or unreadable: nothing changed.</summary>
    public sealed record Rejected(string Reason) : WebhookOutcome;

    /// <summary>The event was applied before; nothing changed.</summary>
    public sealed record Duplicate(string EventId) : WebhookOutcome;

    /// <summary>An invoice event, applied to <paramref name="InvoiceId"/> (null when the invoice is not one of ours).</summary>
    public sealed record Applied(string EventId, string Type, string? InvoiceId) : WebhookOutcome;

    /// <summary>A type we do not act on, acknowledged.</summary>
    public sealed record Ignored(string EventId, string Type) : WebhookOutcome;
}
