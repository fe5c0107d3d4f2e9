namespace Billing.Domain.Outbound;

/// <summary>One POST of an event to an endpoint.</summary>
/// <param name="Number">1 for the first attempt of the delivery, counting on across redeliveries.</param>
/// <param name="At">When it was sent (wall clock; the signature's <c>t</c>).</param>
/// <param name="StatusCode">The endpoint's HTTP status; null when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Error">Why the attempt failed without a status (timeout, connection refused, endpoint deleted); null otherwise.</param>
/// <param name="Duration">From sending to the answer's headers, or to the failure.</param>
public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, TimeSpan Duration)
{
    /// <summary>The endpoint took the event: it answered with a 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
