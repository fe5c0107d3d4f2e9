using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Operations;
using Billing.StripeEmulator.State;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Endpoints;

/// <summary>
/// <c>/_emulator</c>: switches, customers' payment outcomes, request counts and reset. Not part
/// of Stripe's API, so no API key and plain JSON bodies.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapControl(this RouteGroupBuilder control)
    {
        control.MapGet("/config", GetConfig);
        control.MapPost("/config", PostConfig);
        control.MapPost("/customers", SeedCustomer);
        control.MapPost("/customers/{id}/payment_outcome", SetPaymentOutcome);
        control.MapGet("/requests", GetRequests);
        control.MapPost("/reset", PostReset);
    }

    public static Ok<ConfigView> GetConfig(EmulatorSettingsStore settings, IOptions<StripeEmulatorOptions> options) =>
        TypedResults.Ok(ConfigView.From(settings.Current, options.Value.ApiVersion));

    public static Results<Ok<ConfigView>, BadRequest<ControlError>> PostConfig(ConfigPatch patch, EmulatorSettingsStore settings, IOptions<StripeEmulatorOptions> options)
    {
        try
        {
            return TypedResults.Ok(ConfigView.From(settings.Update(patch.ApplyTo), options.Value.ApiVersion));
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            return TypedResults.BadRequest(new ControlError(e.Message));
        }
    }

    public static Results<NoContent, BadRequest<ControlError>> SeedCustomer(SeedCustomerRequest request, CustomerOperations customers)
    {
        if (request.Id is null || !request.Id.StartsWith("cus_", StringComparison.Ordinal))
        {
            return TypedResults.BadRequest(new ControlError("id is required and starts with 'cus_'."));
        }

        var outcome = PaymentOutcome.Succeeds;
        if (request.PaymentOutcome is not null && !PaymentOutcomes.TryParse(request.PaymentOutcome, out outcome))
        {
            return TypedResults.BadRequest(new ControlError("payment_outcome is one of succeeds, declines, requires_action."));
        }

        customers.Seed(new SeededCustomer { Id = request.Id, Name = request.Name, Email = request.Email, PaymentOutcome = outcome });
        return TypedResults.NoContent();
    }

    public static Results<NoContent, BadRequest<ControlError>, NotFound<ControlError>> SetPaymentOutcome(string id, PaymentOutcomeRequest request, CustomerOperations customers)
    {
        if (!PaymentOutcomes.TryParse(request.Outcome, out var outcome))
        {
            return TypedResults.BadRequest(new ControlError("outcome is one of succeeds, declines, requires_action."));
        }

        return customers.SetPaymentOutcome(id, outcome)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ControlError($"No such customer: '{id}'"));
    }

    public static Ok<RequestCountsView> GetRequests(RequestCounter requests) =>
        TypedResults.Ok(new RequestCountsView(requests.Total, requests.ByRoute, requests.Faults));

    public static NoContent PostReset(EmulatorReset reset)
    {
        reset.Reset();
        return TypedResults.NoContent();
    }
}
