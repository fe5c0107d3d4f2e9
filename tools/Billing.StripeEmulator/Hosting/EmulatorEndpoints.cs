using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Endpoints;
using Billing.StripeEmulator.Persistence;

namespace Billing.StripeEmulator.Hosting;

/// <summary>
/// Maps Stripe's API under <c>/v1</c> and the control endpoints under <c>/_emulator</c>, loads the
/// state kept in the data folder (when there is one) and seeds the configured customers.
/// </summary>
public static class EmulatorEndpoints
{
    /// <exception cref="EmulatorStateException">The data folder's state file is damaged, or another emulator uses the folder.</exception>
    public static IEndpointRouteBuilder MapStripeEmulator(this IEndpointRouteBuilder app)
    {
        var journal = app.ServiceProvider.GetRequiredService<EmulatorJournal>();
        journal.Open();
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
        control.MapInvoiceControl();
        control.MapHostedInvoices();
        return app;
    }
}
