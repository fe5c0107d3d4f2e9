using System.Globalization;
using Billing.Invoicing.Outbound;

namespace Billing.Functions.Http;

/// <summary>
/// The query of <c>GET /api/events</c> (<c>limit</c>, <c>starting_after</c>), read at the HTTP edge
/// as the uploads API reads its own: a parameter given empty counts as not given, one given twice
/// is refused, and every problem is a 400 <c>invalid_request</c> whose message names the parameter.
/// </summary>
internal static class EventsQuery
{
    /// <returns>The request, or null and why the query is unusable.</returns>
    public static (ListEventsRequest? Request, string? Problem) List(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryParameter.Single(query, "starting_after", out var after) is { } p1)
        {
            return (null, p1);
        }

        if (QueryParameter.Single(query, "limit", out var text) is { } p2)
        {
            return (null, p2);
        }

        var limit = ListEventsRequest.DefaultLimit;
        if (text is not null && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= ListEventsRequest.MaxLimit))
        {
            return (null, $"limit must be a whole number from 1 to {ListEventsRequest.MaxLimit} (default {ListEventsRequest.DefaultLimit}); got '{text}'.");
        }

        return (new ListEventsRequest(after, limit), null);
    }
}
