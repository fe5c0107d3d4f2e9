namespace Billing.Invoicing.Clock;

/// <summary>What a timer run returned, as the advance answer shows it.</summary>
/// <param name="Result">The handler's return value, serialized as JSON (e.g. a count).</param>
/// <param name="Message">One line for a person, like the function's log line.</param>
public sealed record DueTimerResult(object? Result, string Message);
