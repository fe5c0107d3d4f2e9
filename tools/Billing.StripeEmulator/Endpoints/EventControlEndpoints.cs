using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/_emulator/events</c>: every event with its deliveries, and re-delivery.</summary>
internal static class EventControlEndpoints
{
    public static void MapEventControl(this RouteGroupBuilder control)
    {
        control.MapGet("/events", GetEvents);
        control.MapPost("/events/replay", Replay);
    }

    /// <summary>All events, oldest first; <c>?type=</c> and <c>?invoice=</c> filter them.</summary>
    public static Ok<IReadOnlyList<EventView>> GetEvents(EventLog log, string? type, string? invoice) =>
        TypedResults.Ok<IReadOnlyList<EventView>>([.. log.All()
            .Where(e => (type is null || e.Type == type) && (invoice is null || e.InvoiceId == invoice))
            .Select(EventView.From)]);

    /// <summary>Queues the named events (all when none are named) for delivery again, in their original order.</summary>
    public static Results<Ok<ReplayResult>, BadRequest<ControlError>> Replay(ReplayRequest? request, EventLog log, WebhookQueue queue, EmulatorSettingsStore settings)
    {
        if (settings.Current.WebhookUrl is null)
        {
            return TypedResults.BadRequest(new ControlError("No webhook endpoint is configured; set webhook_url through /_emulator/config first."));
        }

        var wanted = request?.EventIds is { Count: > 0 } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
        var replayed = 0;
        foreach (var record in log.All().Where(e => wanted is null || wanted.Contains(e.Id)))
        {
            queue.Enqueue(record);
            replayed++;
        }

        return TypedResults.Ok(new ReplayResult(replayed));
    }
}
