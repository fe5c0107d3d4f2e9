namespace Billing.Cli.Api;

/// <summary>One event's result: <see cref="Status"/> is accepted | duplicate | rejected (with a reason code).</summary>
internal sealed record MeterEventResult(int Index, string? Identifier, string Status, string? Reason, string? Message, bool Late);
