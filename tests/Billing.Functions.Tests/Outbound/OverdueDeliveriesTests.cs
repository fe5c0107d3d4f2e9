using Azure.Storage.Queues;
using Billing.Domain.Outbound;
using Billing.Invoicing.Outbound;
using Billing.Storage;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// The Reconcile timer puts back the webhook attempts the queue lost (<see cref="OverdueDeliveries"/>):
/// a delivery message gone to the poison queue, or a publish that stopped before its dispatch and
/// is never published again, would otherwise leave the delivery pending for ever.
/// </summary>
public sealed class OverdueDeliveriesTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAgain_DeliveryMessageLost_SentOnceAnHourOverdueAndDelivered()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.Wildcard);
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_lost", new { id = "inv_lost" });
        Assert.Equal(1, await DropDeliveryMessagesAsync(h)); // as if it had failed into the poison queue
        var sweep = h.App.Get<OverdueDeliveries>();

        h.Clock.Advance(OverdueDeliveries.Overdue - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweep.SendAgainAsync(Ct)); // late, not yet taken for lost
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweep.SendAgainAsync(Ct));
        await h.DeliverAllAsync();

        Assert.Equal([id], h.Receiver.Received.Select(r => r.EventId));
        var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("succeeded", delivery.GetProperty("status").GetString());
        Assert.Equal(0, await sweep.SendAgainAsync(Ct));
    }

    [Fact]
    public async Task SendAgain_PublishStoppedBeforeItsDispatch_DispatchedAnHourLater()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.Wildcard);
        h.Queue.FailNextSends = 1;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.PublishAsync(OutboundEventTypes.InvoiceCreated, "invoice.created:inv_cut", new { id = "inv_cut" }));
        var sweep = h.App.Get<OverdueDeliveries>();
        Assert.Equal(0, await sweep.SendAgainAsync(Ct)); // its publish may still be under way

        h.Clock.Advance(OverdueDeliveries.Overdue);
        Assert.Equal(1, await sweep.SendAgainAsync(Ct));
        await h.DeliverAllAsync();

        var received = Assert.Single(h.Receiver.Received);
        Assert.Equal(OutboundEventIds.For("invoice.created:inv_cut"), received.EventId);
        Assert.Equal(0, await sweep.SendAgainAsync(Ct));
    }

    /// <summary>Rounds that ended before the window are not read: the sweep's cost stays bounded by recent events.</summary>
    [Fact]
    public async Task SendAgain_EventOlderThanTheRetryWindow_NotRead()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.Wildcard);
        await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_old", new { id = "inv_old" });
        await DropDeliveryMessagesAsync(h);

        h.Clock.Advance(WebhookOptions.DefaultRetryFor + OverdueDeliveries.Overdue + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await h.App.Get<OverdueDeliveries>().SendAgainAsync(Ct));
        Assert.Empty(h.Receiver.Received);
    }

    private static async Task<int> DropDeliveryMessagesAsync(OutboundHarness h)
    {
        var queue = new QueueClient(h.Harness.Settings["AzureWebJobsStorage"], h.App.Get<StorageNames>().WebhookDeliveriesQueue, WorkQueues.ClientOptions);
        var dropped = 0;
        foreach (var message in (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            dropped++;
        }

        return dropped;
    }
}
