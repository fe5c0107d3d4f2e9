using System.Text.Json.Serialization;

namespace Billing.Invoicing.Clock;

/// <summary>The body of a successful advance: the clock's new time and what each timer did, in the order they ran.</summary>
/// <param name="FrozenTime">Unix seconds.</param>
public sealed record TestClockAdvanceResponse(
    [property: JsonPropertyName("frozen_time")] long FrozenTime,
    [property: JsonPropertyName("timers")] IReadOnlyList<DueTimerReport> Timers);

/// <summary>One timer's run: the function, its handler's return value, and a line for a person.</summary>
public sealed record DueTimerReport(
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("result")] object? Result,
    [property: JsonPropertyName("message")] string Message);
