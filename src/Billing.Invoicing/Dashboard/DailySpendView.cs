namespace Billing.Invoicing.Dashboard;

/// <summary>One meter's usage on one UTC day (by event time) of a period (#12 item 6). Amount in minor units.</summary>
public sealed record DailySpendView(string Meter, DateOnly Date, decimal Quantity, long Amount);
