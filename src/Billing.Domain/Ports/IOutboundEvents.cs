using System.Text.Json;

namespace Billing.Domain.Ports;

/// <summary>
/// Where application code publishes an event to the webhook endpoints (docs/contracts.md §8).
/// Publishing is idempotent by <c>key</c>: the event id derives from it, so publishing the same
/// fact again — an activity or handler that runs twice — records and sends nothing new, but
/// sends what an interrupted publish of it left unsent.
/// </summary>
public interface IOutboundEvents
{
    /// <summary>
    /// Records the event, owed to every endpoint enabled for <paramref name="type"/> now, unless
    /// one with this key is recorded already, and sends each endpoint's first delivery attempt.
    /// </summary>
    /// <param name="type">One of <see cref="Outbound.OutboundEventTypes.All"/>.</param>
    /// <param name="key">What makes the event one fact, e.g. <c>invoice.paid:{invoice id}</c>.</param>
    /// <param name="data">The event's <c>data</c>, as receivers get it.</param>
    /// <returns>The event's id.</returns>
    Task<string> PublishAsync(string type, string key, JsonElement data, CancellationToken cancellationToken);
}
