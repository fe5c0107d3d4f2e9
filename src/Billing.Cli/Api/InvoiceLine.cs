namespace Billing.Cli.Api;

/// <summary>One line of an <see cref="Invoice"/>; <see cref="Meter"/> is null for seats.</summary>
internal sealed record InvoiceLine(string Price, string? Meter, decimal Quantity, long Amount, long PeriodStart, long PeriodEnd);
