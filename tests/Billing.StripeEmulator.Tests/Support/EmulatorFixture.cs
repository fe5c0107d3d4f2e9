using Billing.StripeEmulator.Hosting;
using Stripe;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>
/// One emulator shared by the API tests that leave the switches alone; they isolate themselves by
/// creating their own customers. Tests that change switches or the webhook endpoint start their own.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string SeededCustomerId = "cus_seeded_fixture";

    private StripeEmulatorServer? server;

    public StripeEmulatorServer Server => server ?? throw new InvalidOperationException("The emulator has not started.");

    public StripeClient Client => StripeClients.For(Server);

    public async ValueTask InitializeAsync() =>
        server = await StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = SeededCustomerId, Name = "Seeded", Email = "seeded@example.com" }));

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
