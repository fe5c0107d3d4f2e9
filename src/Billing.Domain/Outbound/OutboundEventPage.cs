namespace Billing.Domain.Outbound;

/// <summary>A page of recorded events, newest first.</summary>
/// <param name="HasMore">More events follow, older than the last of <paramref name="Events"/>.</param>
public sealed record OutboundEventPage(IReadOnlyList<OutboundEvent> Events, bool HasMore);
