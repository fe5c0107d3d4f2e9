using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Operations;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.State;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.StripeEmulator.Endpoints;

/// <summary>
/// <c>/_emulator/invoices/{id}</c>: make an invoice vanish, as a test switch for an app whose Stripe
/// object is gone. <c>DELETE</c> removes it and its items whatever its status (from then on the API
/// answers 404 <c>resource_missing</c> for it, as Stripe does for an id it does not know);
/// <c>POST …/void</c> voids it as <c>POST /v1/invoices/{id}/void</c> does (open or uncollectible
/// only), as if someone had done it in Stripe's dashboard.
/// </summary>
internal static class InvoiceControlEndpoints
{
    public static void MapInvoiceControl(this RouteGroupBuilder control)
    {
        control.MapDelete("/invoices/{id}", DeleteInvoice);
        control.MapPost("/invoices/{id}/void", VoidInvoice);
    }

    public static Results<NoContent, NotFound<ControlError>> DeleteInvoice(string id, EmulatorStore store, EmulatorJournal journal)
    {
        bool deleted;
        lock (store.Gate)
        {
            deleted = store.Delete(id);
        }

        journal.Commit();
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound(new ControlError($"No such invoice: '{id}'"));
    }

    public static Results<NoContent, NotFound<ControlError>, BadRequest<ControlError>> VoidInvoice(string id, InvoiceTransitions transitions, EmulatorJournal journal)
    {
        var response = transitions.VoidFromControl(id);
        journal.Commit();
        return response switch
        {
            null => TypedResults.NotFound(new ControlError($"No such invoice: '{id}'")),
            { Body: ErrorEnvelope refused } => TypedResults.BadRequest(new ControlError(refused.Error.Message)),
            _ => TypedResults.NoContent(),
        };
    }
}
