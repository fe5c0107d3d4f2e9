using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.StripeEmulator.Tests.Webhooks;

/// <summary>Deliveries verify with Stripe.net's own <see cref="EventUtility"/>, against the emulator's injected clock.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_signature_secret";
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 3, 2, 1, TimeSpan.Zero);

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public void DefaultApiVersion_IsStripeNetsApiVersion()
    {
        Assert.Equal(StripeEmulatorOptions.DefaultApiVersion, StripeConfiguration.ApiVersion);
    }

    [Fact]
    public async Task Delivered_ConstructEventWithTheSecretAndTheEmulatorsNow_ReturnsTheInvoiceEvent()
    {
        var time = new FakeTimeProvider(Now);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StripeEmulatorServer.StartAsync(timeProvider: time, cancellationToken: ct);
        server.ConfigureWebhook(receiver.Url, Secret);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);

        var delivered = Assert.Single(await receiver.ReadAsync(1));
        var stripeEvent = EventUtility.ConstructEvent(delivered.Payload, delivered.Signature, Secret, tolerance: 300, utcNow: Now.ToUnixTimeSeconds());

        Assert.StartsWith($"t={Now.ToUnixTimeSeconds()},v1=", delivered.Signature, StringComparison.Ordinal);
        Assert.StartsWith("evt_", stripeEvent.Id, StringComparison.Ordinal);
        Assert.Equal("invoice.created", stripeEvent.Type);
        Assert.Equal(StripeConfiguration.ApiVersion, stripeEvent.ApiVersion);
        Assert.Equal(Now.UtcDateTime, stripeEvent.Created);
        Assert.Equal(1, stripeEvent.PendingWebhooks);
        Assert.Equal(invoice.StripeResponse.RequestId, stripeEvent.Request.Id);
        var data = Assert.IsType<Invoice>(stripeEvent.Data.Object);
        Assert.Equal((invoice.Id, "draft", customer.Id), (data.Id, data.Status, data.CustomerId));
        Assert.Equal(Now.UtcDateTime, data.Created);
    }

    [Fact]
    public async Task Delivered_WrongSecretOrOutsideTolerance_ConstructEventThrows()
    {
        var time = new FakeTimeProvider(Now);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StripeEmulatorServer.StartAsync(timeProvider: time, cancellationToken: ct);
        server.ConfigureWebhook(receiver.Url, Secret);
        var client = StripeClients.For(server);
        await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        var delivered = Assert.Single(await receiver.ReadAsync(1));

        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivered.Payload, delivered.Signature, "whsec_other", 300, Now.ToUnixTimeSeconds()));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivered.Payload, delivered.Signature, Secret, 300, Now.ToUnixTimeSeconds() + 301));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivered.Payload.Replace("draft", "paid", StringComparison.Ordinal), delivered.Signature, Secret, 300, Now.ToUnixTimeSeconds()));
        EventUtility.ValidateSignature(delivered.Payload, delivered.Signature, Secret, 300, Now.ToUnixTimeSeconds() + 300);
    }
}
