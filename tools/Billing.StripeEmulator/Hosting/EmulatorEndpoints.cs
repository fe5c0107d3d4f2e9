using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Endpoints;

namespace Billing.StripeEmulator.Hosting;

/// <summary>Maps Stripe's API under <c>/v1</c> and the control endpoints under <c>/_emulator</c>, and seeds the configured customers.</summary>
public static class EmulatorEndpoints
{
    public static IEndpointRouteBuilder MapStripeEmulator(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<EmulatorReset>().SeedCustomers();

        var v1 = app.MapGroup("/v1");
        v1.MapCustomers();
        v1.MapInvoices();
        v1.MapInvoiceItems();
        v1.MapEvents();
        v1.MapUnknown();

        var control = app.MapGroup("/_emulator");
        control.MapControl();
        control.MapEventControl();
        return app;
    }
}
