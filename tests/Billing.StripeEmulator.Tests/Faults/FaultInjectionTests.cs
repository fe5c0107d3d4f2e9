using System.Net;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Faults;

/// <summary>The fault switches, met by Stripe.net's own retries (<c>MaxNetworkRetries</c>). Each test has its own emulator.</summary>
public sealed class FaultInjectionTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RateLimited_WithoutRetries_SurfacesAs429RateLimitThatMayBeRetried()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o => o.RateLimitFraction = 1, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(StripeClients.For(server)).CreateAsync(new CustomerCreateOptions(), cancellationToken: ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Equal("rate_limit", error.StripeError.Code);
        Assert.Equal("true", error.StripeResponse.Headers.GetValues("Stripe-Should-Retry").Single());
    }

    [Fact]
    public async Task RateLimitedAndServerErrors_StripeNetRetries_InvoiceIssuedOnceAndPaid()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o =>
        {
            o.RateLimitFraction = 0.3;
            o.ServerErrorFraction = 0.2;
            o.Seed = 7;
        }, cancellationToken: ct);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server, maxNetworkRetries: 8);
        var run = new RequestOptions { IdempotencyKey = $"run-{Guid.NewGuid():N}" };

        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions(), cancellationToken: ct);
        var invoice = await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "usd" }, run, ct);
        for (var i = 0; i < 3; i++)
        {
            await Customers.AddAmountAsync(client, invoice, 100);
        }

        await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        var paid = await new InvoiceService(client).PayAsync(invoice.Id, cancellationToken: ct);
        var invoices = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = customer.Id }, cancellationToken: ct);

        Assert.Equal(("paid", 300L, 3), (paid.Status, paid.AmountPaid, paid.Lines.Data.Count));
        Assert.Single(invoices.Data);
        Assert.True(await control.FaultsAsync("429") + await control.FaultsAsync("500") > 0, "no fault was injected: the test proves nothing");
    }

    [Fact]
    public async Task LostResponses_StripeNetRetriesWithItsIdempotencyKey_NoDuplicateObjects()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o =>
        {
            o.LostResponseFraction = 0.5;
            o.Seed = 3;
        }, cancellationToken: ct);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server, maxNetworkRetries: 10);
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions(), cancellationToken: ct);

        var created = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            created.Add((await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = customer.Id }, cancellationToken: ct)).Id);
        }

        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = customer.Id }, cancellationToken: ct);
        var customers = await new CustomerService(client).ListAsync(cancellationToken: ct);

        Assert.True(await control.FaultsAsync("lost_response") > 0, "no response was lost: the test proves nothing");
        Assert.Equal(created.OrderBy(id => id), listed.Data.Select(i => i.Id).OrderBy(id => id));
        Assert.Single(customers.Data);
    }

    [Fact]
    public async Task Config_SwitchesOffAtRuntime_RequestsSucceedAgain()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o => o.ServerErrorFraction = 1, cancellationToken: ct);
        using var control = new ControlClient(server);
        var customers = new CustomerService(StripeClients.For(server));
        var refused = await Assert.ThrowsAsync<StripeException>(() => customers.CreateAsync(new CustomerCreateOptions(), cancellationToken: ct));

        using var response = await control.PostAsync("/_emulator/config", new { server_error_fraction = 0.0 });
        var created = await customers.CreateAsync(new CustomerCreateOptions(), cancellationToken: ct);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.HttpStatusCode);
        Assert.Equal("api_error", refused.StripeError.Type);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("cus_", created.Id, StringComparison.Ordinal);
    }
}
