extern alias emulator;

using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Billing.Functions.Tests.Outbound;
using Billing.Invoicing;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.Runs;
using Billing.Storage.Queues;
using Billing.Testing;
using emulator::Billing.StripeEmulator.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The invoice events (docs/contracts.md §8) published by the invoicing workflow on Azurite and the
/// Stripe emulator: <c>invoice.created</c> once the run recorded the invoice, <c>invoice.paid</c>,
/// <c>invoice.payment_failed</c> per failed attempt — each once, whoever learns it (the run, a
/// payment retry, Stripe's webhook) and however often.
/// </summary>
public sealed class InvoiceEventsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThresholdRun_Paid_CreatedThenPaidDeliveredSignedWithTheInvoice()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await h.App.Get<CreateWebhookEndpointHandler>().HandleAsync(
            new CreateWebhookEndpointRequest(receiver.Url, [OutboundEventTypes.InvoiceCreated, OutboundEventTypes.InvoicePaid, OutboundEventTypes.InvoicePaymentFailed]), Ct);
        var secret = Assert.IsType<CreateWebhookEndpointOutcome.Created>(created).Endpoint.Secret;

        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();
        await DeliverAsync(h);

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        var events = await EventsAsync(h);
        Assert.Equal(["invoice.created", "invoice.paid"], events.Select(e => e.Type));
        Assert.Equal([OutboundEventIds.For($"invoice.created:{invoice.Id}"), OutboundEventIds.For($"invoice.paid:{invoice.Id}")], events.Select(e => e.Id));
        Assert.Equal((invoice.Id, "open", invoice.Total), Invoice(events[0]));
        Assert.Equal((invoice.Id, "paid", invoice.Total), Invoice(events[1]));
        Assert.Equal(invoice.Lines.Count, events[1].Data.GetProperty("lines").GetArrayLength());

        Assert.Equal(["invoice.created", "invoice.paid"], receiver.Received.Select(r => r.Type));
        Assert.All(receiver.Received, r => Assert.True(BillingWebhooks.Verify(r.Body, r.Signature, secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        Assert.All(events, e => Assert.Equal("succeeded", Assert.Single(e.Deliveries).Status));
    }

    [Fact]
    public async Task Payment_DeclinedThenRetriedAndPaid_PaymentFailedForTheAttemptThenPaid()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();
        var declined = await EventsAsync(h);

        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Succeeds);
        h.Clock.Advance(InvoicingOptions.DefaultPaymentRetryInterval);
        await h.ReconcileAsync();
        var paid = await EventsAsync(h);

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal(["invoice.created", "invoice.payment_failed"], declined.Select(e => e.Type));
        var failed = declined[1].Data;
        Assert.Equal((invoice.Id, "open", 1), (failed.GetProperty("id").GetString(), failed.GetProperty("status").GetString(), failed.GetProperty("payment").GetProperty("attempts").GetInt32()));
        Assert.StartsWith("declined", failed.GetProperty("payment").GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(OutboundEventIds.For($"invoice.payment_failed:{invoice.Id}:1"), declined[1].Id);
        Assert.Equal(["invoice.created", "invoice.payment_failed", "invoice.paid"], paid.Select(e => e.Type));
        Assert.Equal((invoice.Id, "paid", invoice.Total), Invoice(paid[2]));
    }

    [Fact]
    public async Task Activities_RunAgainAfterTheRun_PublishNothingNew()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();
        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        var before = await EventsAsync(h);

        var run = new InvoiceRef("cus_A", invoice.Id);
        await h.App.Get<InvoiceRunSteps>().FinalizeAsync(run, Ct);
        await h.App.Get<InvoiceRunSteps>().PayAsync(run, Ct);
        await h.App.Get<InvoiceRunSteps>().RetryPaymentAsync(new PaymentAttempt("cus_A", invoice.Id, 2), Ct);

        Assert.Equal(["invoice.created", "invoice.paid"], before.Select(e => e.Type));
        Assert.Equal(before.Select(e => e.Id), (await EventsAsync(h)).Select(e => e.Id));
    }

    [Fact]
    public async Task StripeWebhook_PublishingPaidFails_NotAcknowledgedAndTheRedeliveryPublishesIt()
    {
        FlakyOutboundEvents? flaky = null;
        var wall = new FakeTimeProvider(InvoicingHarness.Now);
        await using var h = await InvoicingHarness.CreateAsync(azurite, overrides: services =>
        {
            services.AddSingleton(new WallClock(wall));
            services.AddSingleton<IOutboundEvents>(sp => flaky = new FlakyOutboundEvents(ActivatorUtilities.CreateInstance<OutboundEventPublisher>(sp), failures: 0));
        });
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_B", 1_100_000);
        await h.DrainAsync();
        var issued = Assert.Single(await h.InvoicesAsync("cus_B"));
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Succeeds);
        await new global::Stripe.InvoiceService(h.Stripe).PayAsync(issued.StripeInvoiceId, cancellationToken: Ct);
        var paidAtStripe = (await h.StripeEventsAsync(issued.StripeInvoiceId!)).Single(e => e.Type == "invoice.paid");
        var delivery = new StripeWebhookRequest(paidAtStripe.Payload, InvoicingHarness.Sign(paidAtStripe.Payload, wall.GetUtcNow().ToUnixTimeSeconds()));
        flaky!.FailNext(OutboundEventTypes.InvoicePaid);

        // The function fails (Stripe is not acknowledged, so it delivers the event again).
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.App.Get<StripeWebhookHandler>().HandleAsync(delivery, Ct));
        var between = Assert.Single(await h.InvoicesAsync("cus_B"));
        var again = await h.App.Get<StripeWebhookHandler>().HandleAsync(delivery, Ct);

        Assert.Equal("open", between.Status);
        Assert.IsType<WebhookOutcome.Applied>(again);
        Assert.Equal("paid", Assert.Single(await h.InvoicesAsync("cus_B")).Status);
        Assert.Contains(await EventsAsync(h), e => e.Id == OutboundEventIds.For($"invoice.paid:{issued.Id}"));
    }

    [Fact]
    public async Task StripeWebhooks_PaidAtStripeAfterADeclinedRun_PaidPublishedOnceHoweverOftenDelivered()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_B", 1_100_000);
        await h.DrainAsync();
        var issued = Assert.Single(await h.InvoicesAsync("cus_B"));
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Succeeds);
        await new global::Stripe.InvoiceService(h.Stripe).PayAsync(issued.StripeInvoiceId, cancellationToken: Ct);
        var stripeEvents = await h.StripeEventsAsync(issued.StripeInvoiceId!);
        var wall = new FakeTimeProvider(InvoicingHarness.Now);
        using var client = h.StartWebClient(wall);

        // Every event twice: the second delivery of each is a duplicate at our webhook.
        foreach (var (_, type, payload) in stripeEvents.Concat(stripeEvents))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", InvoicingHarness.Sign(payload, wall.GetUtcNow().ToUnixTimeSeconds()));
            using var response = await client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type} answered {response.StatusCode}");
        }

        // (Ordered by type: the web host's wall clock, which stamps the paid event, is a fake of its own.)
        var events = (await EventsAsync(h)).OrderBy(e => e.Type, StringComparer.Ordinal).ToArray();
        Assert.Equal(["invoice.created", "invoice.paid", "invoice.payment_failed"], events.Select(e => e.Type));
        Assert.Equal((issued.Id, "paid", issued.Total), Invoice(events[1]));
        Assert.Equal("paid", Assert.Single(await h.InvoicesAsync("cus_B")).Status);
    }

    [Fact]
    public async Task Run_PublishingFailsTwice_RunCompletesAndEachEventIsPublishedOnce()
    {
        FlakyOutboundEvents? flaky = null;
        await using var h = await InvoicingHarness.CreateAsync(azurite, overrides: services => services.AddSingleton<IOutboundEvents>(sp =>
            flaky = new FlakyOutboundEvents(ActivatorUtilities.CreateInstance<OutboundEventPublisher>(sp), failures: 2)));
        await h.PostComputeAsync("cus_A", 1_500_000);

        await h.DrainAsync(); // waits for the run and asserts that it completed

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", invoice.Status);
        Assert.Equal(2, flaky!.Failed);
        Assert.Equal(["invoice.created", "invoice.paid"], (await EventsAsync(h)).Select(e => e.Type));
    }

    /// <summary>Every recorded event, oldest first.</summary>
    private static async Task<IReadOnlyList<EventView>> EventsAsync(InvoicingHarness h) =>
        [.. (await h.App.Get<ListEventsHandler>().HandleAsync(new ListEventsRequest(null, ListEventsRequest.MaxLimit), Ct))!.Data.Reverse()];

    private static (string? Id, string? Status, long Total) Invoice(EventView e) =>
        (e.Data.GetProperty("id").GetString(), e.Data.GetProperty("status").GetString(), e.Data.GetProperty("total").GetInt64());

    /// <summary>Runs DeliverWebhook on the queued attempts until none is left (every attempt succeeds here, and takes its retry back).</summary>
    private static async Task DeliverAsync(InvoicingHarness h)
    {
        var queue = new QueueClient(h.Azurite.ConnectionString, h.Names.WebhookDeliveriesQueue, WorkQueues.ClientOptions);
        while ((await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                Assert.Equal(DeliveryOutcome.Delivered, await h.App.Get<DeliverWebhookHandler>().HandleAsync(QueueMessages.ReadWebhookDelivery(message.Body.ToString())!, Ct));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }
}
