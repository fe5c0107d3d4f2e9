namespace Billing.Domain.Outbound;

/// <summary>
/// An event the app publishes to webhook endpoints, as recorded: the exact body every attempt
/// sends (so a receiver sees the same bytes each time) and one delivery per endpoint it is owed to.
/// </summary>
/// <param name="Id">Derived from <paramref name="Key"/> (<see cref="OutboundEventIds"/>).</param>
/// <param name="Key">The idempotency key it was published under, e.g. <c>invoice.paid:sub_A.1767225600.cycle</c>.</param>
/// <param name="Created">When it was recorded (wall clock).</param>
/// <param name="Body">The JSON body, UTF-8: <c>{"id", "type", "created", "data"}</c>.</param>
/// <param name="Deliveries">One per endpoint enabled for <paramref name="Type"/> when it was published, by endpoint id.</param>
/// <param name="Dispatched">Every delivery's first attempt was sent to the queue; until then a publish of the same key sends them (again).</param>
public sealed record OutboundEvent(
    string Id,
    string Type,
    string Key,
    DateTimeOffset Created,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<WebhookDelivery> Deliveries,
    bool Dispatched)
{
    /// <summary>The largest body recorded and sent: 256 KiB (an invoice of 250 lines is about 40 KiB).</summary>
    public const int MaxBodyBytes = 256 * 1024;
}
