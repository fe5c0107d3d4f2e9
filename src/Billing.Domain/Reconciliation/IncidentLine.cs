namespace Billing.Domain.Reconciliation;

/// <summary>A line an invoice left out: its price, meter (null for seats), period (Unix seconds), quantity and why.</summary>
/// <param name="Quantity">The quantity that could not be priced: the period's raw usage (or the seats).</param>
/// <param name="Reason">The stable reason code (<c>amount_out_of_range</c>).</param>
public sealed record IncidentLine(string Price, string? Meter, long PeriodStart, long PeriodEnd, decimal Quantity, string Reason, string Message);
