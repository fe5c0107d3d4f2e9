namespace Billing.LocalRuntime.Hosting;

/// <summary>One call of a non-HTTP function by this runtime, as its invocation log keeps it.</summary>
/// <param name="Item">What triggered it: <c>blobName@etag</c>, a queue message id, or the timer occurrence (ISO 8601).</param>
/// <param name="Succeeded">The handler answered 2xx.</param>
/// <param name="Error">On failure: the handler's <c>Logs</c>, or why it could not be called.</param>
/// <param name="ReturnValue">The handler's <c>ReturnValue</c> as JSON text, when it succeeded.</param>
public sealed record InvocationRecord(
    string Function,
    string Item,
    string InstanceId,
    DateTimeOffset Started,
    TimeSpan Duration,
    bool Succeeded,
    string? Error,
    string? ReturnValue);
