namespace Billing.Domain.Outbound;

/// <summary>
/// The types of the events the app sends to webhook endpoints (docs/contracts.md §8). An endpoint
/// subscribes to some of them, or to all with <see cref="All"/>'s wildcard <c>*</c>.
/// </summary>
public static class OutboundEventTypes
{
    /// <summary>An alert rule's value reached its <c>gte</c> in a billing period (issue 12, item 1).</summary>
    public const string AlertTriggered = "billing.alert.triggered";

    /// <summary>A subscription's period amount reached its spend cap (issue 12, item 3).</summary>
    public const string SpendCapReached = "billing.spend_cap.reached";

    /// <summary>An invoice was finalized at Stripe and recorded in our ledger: it is issued and counts as billed.</summary>
    public const string InvoiceCreated = "invoice.created";

    /// <summary>An issued invoice is paid (charged, or settled at finalization when nothing was due).</summary>
    public const string InvoicePaid = "invoice.paid";

    /// <summary>A payment attempt of an issued invoice failed (declined, or it needs the customer's action); one event per attempt.</summary>
    public const string InvoicePaymentFailed = "invoice.payment_failed";

    /// <summary>In <c>enabled_events</c>: every type, including types added later.</summary>
    public const string Wildcard = "*";

    /// <summary>Every type, in the order the contract lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [AlertTriggered, SpendCapReached, InvoiceCreated, InvoicePaid, InvoicePaymentFailed];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether an endpoint with <paramref name="enabledEvents"/> is sent events of <paramref name="type"/>.</summary>
    public static bool Enables(IReadOnlyCollection<string> enabledEvents, string type)
    {
        ArgumentNullException.ThrowIfNull(enabledEvents);
        return enabledEvents.Contains(Wildcard, StringComparer.Ordinal) || enabledEvents.Contains(type, StringComparer.Ordinal);
    }
}
