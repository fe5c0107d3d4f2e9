namespace Billing.Invoicing;

/// <summary>
/// How old an event ingestion still accepts (<c>Ingestion:MaxEventAge</c>): how far back a cycle
/// invoice looks for events that arrived after their period was invoiced.
/// </summary>
public sealed record UsageWindow(TimeSpan MaxEventAge);
