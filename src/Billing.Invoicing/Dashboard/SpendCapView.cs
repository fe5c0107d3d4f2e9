namespace Billing.Invoicing.Dashboard;

/// <summary>A subscription's spend cap in the current period (#12 item 3), as the dashboard shows it. Minor units.</summary>
/// <param name="Amount">The period's amount counted against the cap.</param>
/// <param name="SpendCap">The cap.</param>
/// <param name="State"><c>ok</c>, <c>warning</c> (at 80%) or <c>capped</c>.</param>
public sealed record SpendCapView(long Amount, long SpendCap, string State);
