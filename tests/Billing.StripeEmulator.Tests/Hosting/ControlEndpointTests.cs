using System.Net;
using System.Text.Json;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Hosting;

/// <summary><c>/_emulator</c>: request counts, payment outcomes, config, reset. Each test has its own emulator.</summary>
public sealed class ControlEndpointTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_CountsEveryApiCallByRoute()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server);
        var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        await Customers.AddAmountAsync(client, invoice, 10);
        await Customers.AddAmountAsync(client, invoice, 20);
        await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        await new InvoiceService(client).PayAsync(invoice.Id, cancellationToken: ct);

        var counts = await control.GetAsync("/_emulator/requests");

        Assert.Equal(6, counts.GetProperty("total").GetInt64());
        var byRoute = counts.GetProperty("by_route");
        Assert.Equal(1, byRoute.GetProperty("POST /v1/customers").GetInt64());
        Assert.Equal(1, byRoute.GetProperty("POST /v1/invoices").GetInt64());
        Assert.Equal(2, byRoute.GetProperty("POST /v1/invoiceitems").GetInt64());
        Assert.Equal(1, byRoute.GetProperty("POST /v1/invoices/{id}/finalize").GetInt64());
        Assert.Equal(1, byRoute.GetProperty("POST /v1/invoices/{id}/pay").GetInt64());
    }

    [Fact]
    public async Task PaymentOutcome_Declines_NextPaymentIsDeclined()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, invoice, 10);
        await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        using var set = await control.PostAsync($"/_emulator/customers/{customer.Id}/payment_outcome", new { outcome = "declines" });
        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).PayAsync(invoice.Id, cancellationToken: ct));
        using var unknown = await control.PostAsync("/_emulator/customers/cus_nobody/payment_outcome", new { outcome = "declines" });
        using var invalid = await control.PostAsync($"/_emulator/customers/{customer.Id}/payment_outcome", new { outcome = "maybe" });

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("card_declined", error.StripeError.Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task SeedCustomer_ChosenIdWithOutcome_ExistsForStripeNet()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        using var control = new ControlClient(server);

        using var response = await control.PostAsync("/_emulator/customers", new { id = "cus_A", name = "Acme", payment_outcome = "requires_action" });
        var customer = await new CustomerService(StripeClients.For(server)).GetAsync("cus_A", cancellationToken: ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Acme", customer.Name);
    }

    [Theory]
    [InlineData("rate_limit_fraction", 1.5)]
    [InlineData("webhook_url", "ftp://127.0.0.1/hook")]
    [InlineData("webhook_url", "/relative")]
    [InlineData("shuffle_window", -2)]
    public async Task Config_InvalidValue_RefusedAndUnchanged(string name, object value)
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        using var control = new ControlClient(server);

        using var response = await control.PostAsync("/_emulator/config", new Dictionary<string, object> { [name] = value, ["duplicate_delivery"] = true });
        var config = await control.GetAsync("/_emulator/config");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, config.GetProperty("rate_limit_fraction").GetDouble());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("webhook_url").ValueKind);
        Assert.False(config.GetProperty("duplicate_delivery").GetBoolean());
        Assert.Equal(StripeEmulatorOptions.DefaultApiVersion, config.GetProperty("api_version").GetString());
    }

    [Fact]
    public async Task Config_WebhookSettings_ShownWithoutTheSecret()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        using var control = new ControlClient(server);

        using var response = await control.PostAsync("/_emulator/config", new { webhook_url = "http://127.0.0.1:9/hook", webhook_secret = "whsec_do_not_echo", shuffle_window = 3, delivery_delay_ms = 25 });
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"webhook_url\":\"http://127.0.0.1:9/hook\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_do_not_echo", body, StringComparison.Ordinal);
        Assert.Equal((3, 25d), (server.Settings.ShuffleWindow, server.Settings.DeliveryDelay.TotalMilliseconds));
    }

    [Fact]
    public async Task Reset_ForgetsObjectsEventsAndCounts_KeepsSeededCustomers()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = "cus_keep" }), cancellationToken: ct);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server);
        var invoice = await Customers.DraftAsync(client, "cus_keep");

        using var response = await control.PostAsync("/_emulator/reset");
        var missing = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct));
        var kept = await new CustomerService(client).GetAsync("cus_keep", cancellationToken: ct);
        var events = await control.GetAsync("/_emulator/events");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("resource_missing", missing.StripeError.Code);
        Assert.Equal("cus_keep", kept.Id);
        Assert.Equal(0, events.GetArrayLength());
        Assert.Equal(2, await control.RequestsAsync("GET /v1/invoices/{id}") + await control.RequestsAsync("GET /v1/customers/{id}"));
    }

    [Theory]
    [InlineData("sk_live_abcdefgh")]
    [InlineData("pk_test_abcdefgh")]
    public async Task Api_KeyThatIsNotATestSecretKey_Throws401(string apiKey)
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(StripeClients.For(server, apiKey: apiKey)).CreateAsync(new CustomerCreateOptions(), cancellationToken: ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.DoesNotContain(apiKey, error.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_UnknownUrl_Throws404WithRequestId()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        var client = StripeClients.For(server);

        var error = await Assert.ThrowsAsync<StripeException>(() => new SubscriptionService(client).GetAsync("sub_1", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Contains("Unrecognized request URL (GET: /v1/subscriptions/sub_1)", error.StripeError.Message, StringComparison.Ordinal);
        Assert.StartsWith("req_", error.StripeResponse.RequestId, StringComparison.Ordinal);
    }
}
