using System.Diagnostics;
using System.Net;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Webhooks;

/// <summary>Which events each change emits, and the delivery switches. Each test has its own emulator and receiver.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec_delivery_tests";

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaidInvoice_EmitsCreatedFinalizedPaidPaymentSucceeded_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var client = StripeClients.For(server);
        var invoice = await OpenInvoiceAsync(client, 1200);

        await new InvoiceService(client).PayAsync(invoice.Id, cancellationToken: ct);
        var events = await receiver.ReadAsync(4);

        Assert.Equal(["invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(invoice.Id, e.InvoiceId));
        var paid = (Invoice)EventUtility.ConstructEvent(events[2].Payload, events[2].Signature, Secret).Data.Object;
        Assert.Equal(("paid", 1200L), (paid.Status, paid.AmountPaid));
    }

    [Fact]
    public async Task Declined_PaymentFailedAndInvoiceStaysOpen_LaterSuccessPaysIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        server.SetPaymentOutcome(customer.Id, PaymentOutcome.Declines);
        var invoice = await OpenInvoiceAsync(client, 4200, customer.Id);
        var service = new InvoiceService(client);

        var declined = await Assert.ThrowsAsync<StripeException>(() => service.PayAsync(invoice.Id, cancellationToken: ct));
        var afterDecline = await service.GetAsync(invoice.Id, cancellationToken: ct);
        var failed = (await receiver.ReadAsync(3))[2];
        server.SetPaymentOutcome(customer.Id, PaymentOutcome.Succeeds);
        var paid = await service.PayAsync(invoice.Id, cancellationToken: ct);
        var afterSuccess = await receiver.ReadAsync(2);

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.HttpStatusCode);
        Assert.Equal(("card_error", "card_declined", "generic_decline"), (declined.StripeError.Type, declined.StripeError.Code, declined.StripeError.DeclineCode));
        Assert.Equal(("open", 1L, 0L), (afterDecline.Status, afterDecline.AttemptCount, afterDecline.AmountPaid));
        Assert.Equal("invoice.payment_failed", failed.Type);
        Assert.Equal(("paid", 2L, 4200L), (paid.Status, paid.AttemptCount, paid.AmountPaid));
        Assert.Equal(["invoice.paid", "invoice.payment_succeeded"], afterSuccess.Select(e => e.Type));
    }

    [Fact]
    public async Task RequiresAction_PaymentActionRequiredAndInvoiceStaysOpen()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        server.SetPaymentOutcome(customer.Id, PaymentOutcome.RequiresAction);
        var invoice = await OpenInvoiceAsync(client, 990, customer.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).PayAsync(invoice.Id, cancellationToken: ct));
        var events = await receiver.ReadAsync(3);

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("invoice_payment_intent_requires_action", error.StripeError.Code);
        Assert.Equal("invoice.payment_action_required", events[2].Type);
        Assert.Equal("open", (await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).Status);
    }

    [Fact]
    public async Task VoidAndMarkUncollectible_EmitTheirEventsWithThePreviousStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var client = StripeClients.For(server);
        var service = new InvoiceService(client);
        var invoice = await OpenInvoiceAsync(client, 100);

        await service.MarkUncollectibleAsync(invoice.Id, cancellationToken: ct);
        await service.VoidInvoiceAsync(invoice.Id, cancellationToken: ct);
        var events = (await receiver.ReadAsync(4)).Skip(2).ToList();

        Assert.Equal(["invoice.marked_uncollectible", "invoice.voided"], events.Select(e => e.Type));
        var voided = EventUtility.ConstructEvent(events[1].Payload, events[1].Signature, Secret);
        Assert.Equal("void", ((Invoice)voided.Data.Object).Status);
        Assert.Contains("\"previous_attributes\":{\"status\":\"uncollectible\"}", events[1].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateDelivery_EachEventArrivesTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver, o => o.DuplicateDelivery = true);
        var client = StripeClients.For(server);

        var invoice = await OpenInvoiceAsync(client, 500);
        var events = await receiver.ReadAsync(4);

        Assert.Equal(["invoice.created", "invoice.created", "invoice.finalized", "invoice.finalized"], events.Select(e => e.Type));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(events[0].Payload, events[1].Payload);
        Assert.Equal(events[2].EventId, events[3].EventId);
        Assert.All(events, e => Assert.Equal(invoice.Id, e.InvoiceId));
    }

    [Fact]
    public async Task ShuffledOrder_SameEventsInAnotherOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver, o =>
        {
            o.ShuffleWindow = 4;
            o.ShuffleLinger = TimeSpan.FromSeconds(5); // the group of 4 fills long before; delivery starts as soon as it does
            o.Seed = 11;
        });
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);

        var created = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            created.Add((await Customers.DraftAsync(client, customer.Id)).Id);
        }

        var delivered = (await receiver.ReadAsync(4)).Select(e => e.InvoiceId).ToList();

        Assert.NotEqual(created, delivered);
        Assert.Equal(created.Order(), delivered.Order());
    }

    [Fact]
    public async Task Delay_DeliveryWaitsAtLeastTheDelay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver, o => o.DeliveryDelay = TimeSpan.FromMilliseconds(400));
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        var clock = Stopwatch.StartNew();

        await Customers.DraftAsync(client, customer.Id);
        await receiver.ReadAsync(1);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"delivered after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task EndpointFailing_RetriedUntilItAnswers2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2, 503);
        await using var server = await StartAsync(receiver, o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(50));
        using var control = new ControlClient(server);
        var client = StripeClients.For(server);

        var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        var delivered = Assert.Single(await receiver.ReadAsync(1));
        // The receiver has the event as soon as it answered 200; the emulator records that answer
        // a moment later, so read its log until it has.
        var log = await control.GetAsync($"/_emulator/events?invoice={invoice.Id}");
        while (!log.EnumerateArray().All(e => e.GetProperty("delivered").GetBoolean()))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            log = await control.GetAsync($"/_emulator/events?invoice={invoice.Id}");
        }

        Assert.Equal("invoice.created", delivered.Type);
        var entry = Assert.Single(log.EnumerateArray());
        Assert.True(entry.GetProperty("delivered").GetBoolean());
        Assert.Equal([503, 503, 200], entry.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task Replay_DeliversTheRecordedEventAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        using var control = new ControlClient(server);
        var client = StripeClients.For(server);
        await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        var original = Assert.Single(await receiver.ReadAsync(1));

        using var response = await control.PostAsync("/_emulator/events/replay", new { event_ids = new[] { original.EventId } });
        var replayed = Assert.Single(await receiver.ReadAsync(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(original.EventId, replayed.EventId);
        Assert.Equal(original.Payload, replayed.Payload);
    }

    private async Task<StripeEmulatorServer> StartAsync(WebhookReceiver receiver, Action<StripeEmulatorOptions>? configure = null) =>
        await StripeEmulatorServer.StartAsync(o =>
        {
            o.WebhookUrl = receiver.Url;
            o.WebhookSecret = Secret;
            configure?.Invoke(o);
        }, cancellationToken: ct);

    private async Task<Invoice> OpenInvoiceAsync(StripeClient client, long amount, string? customerId = null)
    {
        customerId ??= (await Customers.CreateAsync(client)).Id;
        var invoice = await Customers.DraftAsync(client, customerId);
        await Customers.AddAmountAsync(client, invoice, amount);
        return await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
    }
}
