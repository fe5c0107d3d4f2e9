using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Domain.Outbound;
using Billing.Functions.Tests.Hosting;
using Billing.Functions.Triggers;
using Billing.Storage;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// <c>billing.spend_cap.reached</c> (docs/contracts.md §8, §9): sent by CheckThreshold once a
/// period's amount reaches the cap, once per period whatever notices it again, again in a later
/// period that reaches it too; delivered signed to a registered endpoint. sub_cus_A's amount is
/// 500 ¢ (its api price's base fee) + 1 ¢ per 100 compute seconds.
/// </summary>
public sealed class SpendCapReachedTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Feb5 = new(2026, 2, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckThreshold_CapReached_SendsTheEventOncePerPeriodToTheEndpoint()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var secret = (await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.SpendCapReached)).GetProperty("secret").GetString()!;
        var (put, _) = await h.SendAsync(HttpMethod.Put, "/api/subscriptions/sub_cus_A/spend_cap", new { amount = 1000 });
        Assert.Equal(HttpStatusCode.OK, put);
        var other = await h.Harness.StartInstanceAsync();

        await PostComputeAsync(h, "j-1", Jan5, 40_000); // 900: below the cap
        await RunThresholdChecksAsync(h, h.App);
        var belowCap = h.Receiver.Received.Count + await h.DeliverAllAsync();
        await PostComputeAsync(h, "j-2", Jan5, 10_000); // 1,000: reached
        await RunThresholdChecksAsync(h, h.App);
        await PostComputeAsync(h, "j-3", Jan5, 5_000); // 1,050: still over, noticed again by two instances
        await RunThresholdChecksAsync(h, h.App);
        await PostComputeAsync(h, "j-4", Jan5, 5_000);
        await RunThresholdChecksAsync(h, other);
        await h.DeliverAllAsync();
        var january = h.Receiver.Received.ToArray();

        h.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero));
        await PostComputeAsync(h, "f-1", Feb5, 60_000); // 1,100 in February: reached again
        await RunThresholdChecksAsync(h, other);
        await RunThresholdChecksAsync(h, h.App);
        await h.DeliverAllAsync();

        Assert.Equal(0, belowCap);
        var received = h.Receiver.Received;
        Assert.Single(january);
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(BillingWebhooks.Verify(r.Body, r.Signature, secret, r.At, Tolerance), $"signature of {r.Text}"));
        Assert.Equal(2, received.Select(r => r.EventId).Distinct().Count());
        Assert.All(received, r => Assert.Equal(OutboundEventTypes.SpendCapReached, r.Type));
        var data = received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).ToArray();
        Assert.Equal(
            [
                ("sub_cus_A", "cus_A", "usd", 1767225600L, 1769904000L, 1000L, 1000L),
                ("sub_cus_A", "cus_A", "usd", 1769904000L, 1772323200L, 1100L, 1000L),
            ],
            data.Select(d => (
                d.GetProperty("subscription").GetString(), d.GetProperty("customer").GetString(), d.GetProperty("currency").GetString(),
                d.GetProperty("period_start").GetInt64(), d.GetProperty("period_end").GetInt64(),
                d.GetProperty("amount").GetInt64(), d.GetProperty("spend_cap").GetInt64())));
    }

    [Fact]
    public async Task CheckThreshold_FourInstancesAtOnce_RecordOneEvent()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.SpendCapReached);
        await h.SendAsync(HttpMethod.Put, "/api/subscriptions/sub_cus_A/spend_cap", new { amount = 600 });
        await PostComputeAsync(h, "j-1", Jan5, 20_000); // 700
        var queue = new QueueClient(h.Harness.Settings["AzureWebJobsStorage"], h.App.Get<StorageNames>().ThresholdChecksQueue, WorkQueues.ClientOptions);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value).Body.ToString();
        var instances = new List<AppInstance> { h.App };
        for (var i = 1; i < 4; i++)
        {
            instances.Add(await h.Harness.StartInstanceAsync());
        }

        // The same check delivered to four instances at once, as a redelivered queue message can be.
        await Task.WhenAll(instances.Select(app => Task.Run(() => app.Function<CheckThresholdFunction>().RunAsync(message, Ct), Ct)));
        await h.DeliverAllAsync();

        var (status, events) = await h.SendAsync(HttpMethod.Get, "/api/events?limit=100");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(events.GetProperty("data").EnumerateArray(), e => e.GetProperty("type").GetString() == OutboundEventTypes.SpendCapReached);
        Assert.Single(h.Receiver.Received);
    }

    private static async Task PostComputeAsync(OutboundHarness h, string identifier, DateTimeOffset at, int seconds)
    {
        var (status, body) = await MeterEventsApi.PostAsync(h.Api, [TestEvent.Compute("cus_A", identifier, at, seconds.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(status == HttpStatusCode.OK && body.GetProperty("accepted").GetInt64() == 1, $"POST /api/meter_events answered {status}: {body}");
    }

    /// <summary>Runs CheckThreshold on <paramref name="app"/> for every pending threshold-checks message, as the queue trigger would.</summary>
    private static async Task RunThresholdChecksAsync(OutboundHarness h, AppInstance app)
    {
        var queue = new QueueClient(h.Harness.Settings["AzureWebJobsStorage"], app.Get<StorageNames>().ThresholdChecksQueue, WorkQueues.ClientOptions);
        while ((await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await app.Function<CheckThresholdFunction>().RunAsync(message.Body.ToString(), Ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }
}
