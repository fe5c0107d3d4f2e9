namespace Billing.StripeEmulator.Resources;

/// <summary>A line's period in Unix seconds.</summary>
internal sealed record PeriodResource(long Start, long End);
