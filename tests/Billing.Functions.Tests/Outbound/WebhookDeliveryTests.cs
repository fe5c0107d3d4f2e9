using System.Text.Json;
using Billing.Domain.Outbound;
using Billing.Invoicing.Outbound;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// Outbound events delivered to a real loopback receiver: signed, retried with exponential back-off
/// while the receiver fails (for three days at most), recorded attempt by attempt, and never lost
/// between the record and the queue.
/// </summary>
public sealed class WebhookDeliveryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deliver_ReceiverFailsThreeTimesThenRecovers_GetsEachEventOnceVerifiedAndDeduplicated()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var endpoint = await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid, OutboundEventTypes.InvoiceCreated);
        var secret = endpoint.GetProperty("secret").GetString()!;
        // Down for each event's first three attempts, then up.
        h.Receiver.Answer = (body, before) => before.Count(r => SameEvent(r.Body, body)) < 3 ? 500 : 200;
        var published = h.Clock.GetUtcNow();
        var paid = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_1", new { id = "inv_1", total = 12000 });
        var created = await h.PublishAsync(OutboundEventTypes.InvoiceCreated, "invoice.created:inv_2", new { id = "inv_2", total = 500 });

        var handled = await h.DeliverAllAsync();

        var received = h.Receiver.Received;
        Assert.Equal(8, received.Count);
        Assert.Equal(8, handled); // the retry queued before each successful attempt was taken back
        Assert.All(received, r => Assert.True(
            BillingWebhooks.Verify(r.Body, r.Signature, secret, r.At, Tolerance),
            $"the signature {r.Signature} of {r.Text} does not verify at {r.At:O}"));
        Assert.All(received, r => Assert.Equal("application/json; charset=utf-8", r.ContentType));
        // What a receiver keeps once it deduplicates by id: each event once, exactly as published.
        var kept = received.Where(r => r.Answered == 200).DistinctBy(r => r.EventId).ToArray();
        Assert.Equal(new[] { created, paid }.Order(StringComparer.Ordinal), kept.Select(r => r.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, received.Count(r => r.Answered == 200));
        var paidBody = JsonDocument.Parse(kept.Single(r => r.EventId == paid).Body).RootElement;
        Assert.Equal(("invoice.paid", published.ToUnixTimeSeconds(), "inv_1", 12000), (
            paidBody.GetProperty("type").GetString(), paidBody.GetProperty("created").GetInt64(),
            paidBody.GetProperty("data").GetProperty("id").GetString(), paidBody.GetProperty("data").GetProperty("total").GetInt32()));
        // Every attempt of an event carried the same bytes.
        Assert.All(received.GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => r.Text).Distinct()));

        foreach (var id in new[] { paid, created })
        {
            var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
            Assert.Equal(("succeeded", 4), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
            Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
            var log = delivery.GetProperty("attempt_log").EnumerateArray().ToArray();
            Assert.Equal([500, 500, 500, 200], log.Select(a => a.GetProperty("status_code").GetInt32()));
            Assert.Equal([1, 2, 3, 4], log.Select(a => a.GetProperty("attempt").GetInt32()));
            // Back-off: 1, 2 and 4 minutes after the failures (Webhooks:FirstRetry 1 minute, doubling).
            var at = log.Select(a => a.GetProperty("at").GetInt64()).ToArray();
            Assert.Equal([60L, 120L, 240L], at.Zip(at.Skip(1), (a, b) => b - a));
        }

        // Each event's first attempt went at once; its retries waited 1, 2 and 4 minutes after the
        // failures, and the 8 minutes queued before the success were never waited (taken back).
        Assert.Equal(
            new[] { 0, 0, 1, 1, 2, 2, 4, 4, 8, 8 }.Select(m => TimeSpan.FromMinutes(m)),
            h.Queue.Delays.Order());
    }

    [Fact]
    public async Task Deliver_ReceiverDownForThreeDays_RetriesWithCappedBackOffThenFails()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.Wildcard);
        h.Receiver.Answer = (_, _) => 503;
        var published = h.Clock.GetUtcNow();
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_down", new { id = "inv_down" });

        await h.DeliverAllAsync();

        // 1, 2, 4 … 256 minutes, then every 6 hours while the next attempt falls within 3 days of the event.
        var expected = new List<long> { 0 };
        for (var wait = 60L; expected[^1] + Math.Min(wait, 21_600) <= 3 * 86_400; wait *= 2)
        {
            expected.Add(expected[^1] + Math.Min(wait, 21_600));
        }

        var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("failed", expected.Count), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(20, expected.Count);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
        var log = delivery.GetProperty("attempt_log").EnumerateArray().ToArray();
        Assert.Equal(expected, log.Select(a => a.GetProperty("at").GetInt64() - published.ToUnixTimeSeconds()));
        Assert.All(log, a => Assert.Equal(503, a.GetProperty("status_code").GetInt32()));
        Assert.Equal(expected.Count, h.Receiver.Received.Count);
        Assert.Equal(0, (await h.GetEventAsync(id)).GetProperty("pending_webhooks").GetInt32());
    }

    [Fact]
    public async Task Publish_SameKeyTwice_OneEventOneDelivery()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);

        var first = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_7", new { id = "inv_7", status = "paid" });
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_7", new { id = "inv_7", status = "changed since" });
        await h.DeliverAllAsync();

        Assert.Equal(first, again);
        Assert.Equal(OutboundEventIds.For("invoice.paid:inv_7"), first);
        var received = Assert.Single(h.Receiver.Received);
        Assert.Equal("paid", JsonDocument.Parse(received.Body).RootElement.GetProperty("data").GetProperty("status").GetString());
        var (_, page) = await h.SendAsync(HttpMethod.Get, "/api/events");
        Assert.Single(page.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Publish_StoppedBetweenRecordAndQueue_NextPublishOfTheKeySendsTheDelivery()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoiceCreated);
        h.Queue.FailNextSends = 1;

        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.PublishAsync(OutboundEventTypes.InvoiceCreated, "invoice.created:inv_9", new { id = "inv_9" }));
        var recorded = await h.App.Get<Billing.Domain.Ports.IOutboundEventStore>().GetAsync(OutboundEventIds.For("invoice.created:inv_9"), Ct);
        var nothingQueued = await h.DeliverAllAsync();
        var id = await h.PublishAsync(OutboundEventTypes.InvoiceCreated, "invoice.created:inv_9", new { id = "inv_9" });
        var delivered = await h.DeliverAllAsync();

        // Recorded, owed, not dispatched: the first publish stopped before the queue.
        Assert.NotNull(recorded);
        Assert.False(recorded.Dispatched);
        Assert.Equal((DeliveryState.Pending, 0), (Assert.Single(recorded.Deliveries).State, recorded.Deliveries[0].Attempts));
        Assert.Equal(0, nothingQueued);
        Assert.Equal(1, delivered);
        Assert.Equal(id, Assert.Single(h.Receiver.Received).EventId);
        Assert.Equal("succeeded", Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray()).GetProperty("status").GetString());
        Assert.True(await h.App.Get<Billing.Domain.Ports.IOutboundEventStore>().IsDispatchedAsync(id, Ct));
    }

    [Fact]
    public async Task Publish_EndpointsAddedOrDeleted_OwedToThoseEnabledForTheTypeWhenPublished()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var paidOnly = await h.CreateEndpointAsync(h.Receiver.BaseUrl + "/paid", OutboundEventTypes.InvoicePaid);
        await h.CreateEndpointAsync(h.Receiver.BaseUrl + "/created", OutboundEventTypes.InvoiceCreated);
        var everything = await h.CreateEndpointAsync(h.Receiver.BaseUrl + "/all", OutboundEventTypes.Wildcard);

        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_3", new { id = "inv_3" });
        await h.CreateEndpointAsync(h.Receiver.BaseUrl + "/late", OutboundEventTypes.InvoicePaid);
        var (deleted, _) = await h.SendAsync(HttpMethod.Delete, $"/api/webhook_endpoints/{paidOnly.GetProperty("id").GetString()}");
        await h.DeliverAllAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, deleted);
        Assert.Equal(["/all"], h.Receiver.Received.Select(r => r.Path));
        var deliveries = (await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray()
            .ToDictionary(d => d.GetProperty("endpoint").GetString()!, d => d);
        Assert.Equal(
            new[] { paidOnly, everything }.Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal),
            deliveries.Keys.Order(StringComparer.Ordinal));
        var gone = deliveries[paidOnly.GetProperty("id").GetString()!];
        Assert.Equal(("failed", "the endpoint was deleted"), (gone.GetProperty("status").GetString(), gone.GetProperty("attempt_log")[0].GetProperty("error").GetString()));
        Assert.Equal("succeeded", deliveries[everything.GetProperty("id").GetString()!].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deliver_MessageForAnAttemptAlreadyMade_SendsNothing()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var endpoint = await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_4", new { id = "inv_4" });
        await h.DeliverAllAsync();

        // The queue delivers a message again (at least once), or a retry was overtaken.
        var outcome = await h.App.Get<DeliverWebhookHandler>().HandleAsync(new WebhookDeliveryRequest(id, endpoint.GetProperty("id").GetString()!, 1), Ct);
        await h.App.Get<WorkQueues>().EnqueueAsync(new WebhookDeliveryRequest(id, endpoint.GetProperty("id").GetString()!, 2), TimeSpan.Zero, Ct);
        await h.DeliverAllAsync();

        Assert.Equal(DeliveryOutcome.Stale, outcome);
        Assert.Single(h.Receiver.Received);
        Assert.Equal(1, Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray()).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Deliver_ReceiverDoesNotAnswerInTime_FailedAttemptWithTheReason()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite, new Dictionary<string, string?> { ["Webhooks:Timeout"] = "00:00:00.200" });
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        var release = new TaskCompletionSource();
        h.Receiver.Answer = (_, before) =>
        {
            if (before.Count == 0)
            {
                release.Task.Wait(Ct); // the first attempt hangs until the test has seen it time out
            }

            return 200;
        };
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_slow", new { id = "inv_slow" });
        var queue = new Azure.Storage.Queues.QueueClient(h.Harness.Settings["AzureWebJobsStorage"], h.App.Get<Billing.Storage.StorageNames>().WebhookDeliveriesQueue, WorkQueues.ClientOptions);
        var first = (await queue.ReceiveMessageAsync(cancellationToken: Ct)).Value;

        var outcome = await h.App.Get<DeliverWebhookHandler>().HandleAsync(QueueMessages.ReadWebhookDelivery(first.Body.ToString())!, Ct);
        release.SetResult();
        await queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, Ct);
        await h.DeliverAllAsync();

        Assert.Equal(DeliveryOutcome.WillRetry, outcome);
        var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
        var log = delivery.GetProperty("attempt_log").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, log[0].GetProperty("status_code").ValueKind);
        Assert.Equal("no answer within 0.2 s", log[0].GetProperty("error").GetString());
        Assert.Equal(("succeeded", 200), (delivery.GetProperty("status").GetString(), log[1].GetProperty("status_code").GetInt32()));
    }

    private static bool SameEvent(byte[] a, byte[] b) =>
        JsonDocument.Parse(a).RootElement.GetProperty("id").GetString() == JsonDocument.Parse(b).RootElement.GetProperty("id").GetString();
}
