using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/events</c>: list and retrieve, so an app can read again the events it missed.</summary>
internal static class EventEndpoints
{
    public static void MapEvents(this RouteGroupBuilder v1)
    {
        v1.Get<EventOperations>("/events", o => o.List);
        v1.Get<EventOperations>("/events/{id}", o => o.Retrieve);
    }
}
