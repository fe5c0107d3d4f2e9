namespace Billing.Invoicing.Alerts;

/// <summary>What <c>POST /api/alerts</c> came to.</summary>
public abstract record CreateAlertOutcome
{
    private CreateAlertOutcome()
    {
    }

    public sealed record Created(AlertView Alert) : CreateAlertOutcome;

    /// <summary>A field is missing or not acceptable; the message names it (400 <c>invalid_request</c>).</summary>
    public sealed record Invalid(string Message) : CreateAlertOutcome;

    /// <summary>No subscription with that id in the catalog (404 <c>subscription_not_found</c>).</summary>
    public sealed record UnknownSubscription(string Message) : CreateAlertOutcome;

    /// <summary>The subscription has this rule already (409 <c>alert_exists</c>); the message names it.</summary>
    public sealed record Duplicate(string Message, string ExistingId) : CreateAlertOutcome;

    /// <summary>The subscription has <see cref="Domain.Alerts.AlertRule.MaxPerSubscription"/> rules (400 <c>too_many_alerts</c>).</summary>
    public sealed record TooMany(string Message) : CreateAlertOutcome;
}
