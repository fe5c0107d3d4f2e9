namespace Billing.Cli.Api;

/// <summary>The forecast rate's window, <c>[Start, End)</c> in Unix seconds, <see cref="Days"/> long.</summary>
internal sealed record ForecastWindow(long Start, long End, decimal Days);
