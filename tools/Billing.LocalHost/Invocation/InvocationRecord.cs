namespace Billing.LocalHost.Invocation;

/// <summary>One call of a non-HTTP function by this host, as its invocation log keeps it.</summary>
/// <param name="Item">What triggered it: <c>blobName@etag</c>, a queue message id, the timer occurrence (ISO 8601), or a Durable instance id.</param>
/// <param name="Error">On failure: the exception in one line (type and message), or why it could not be called.</param>
public sealed record InvocationRecord(
    string Function,
    string Item,
    string InstanceId,
    DateTimeOffset Started,
    TimeSpan Duration,
    bool Succeeded,
    string? Error);
