using System.Text;
using Azure.Storage.Queues;
using Billing.Domain.Outbound;
using Billing.Storage.Outbound;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Storage.Tests.Outbound;

/// <summary>The record of outbound events on a real Azurite: inserted once, read back whole, listed newest first, deliveries written on their ETag.</summary>
public sealed class OutboundEventStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAddAsync_SameIdTwice_SecondLosesAndTheFirstStays()
    {
        var (store, _) = await CreateAsync();
        var first = Event("invoice.paid:inv_1", T0, Body("first"), "we_a", "we_b");

        var added = await store.TryAddAsync(first, Ct);
        var again = await store.TryAddAsync(first with { Created = T0.AddMinutes(1), Body = Body("second"), Deliveries = [] }, Ct);
        var read = await store.GetAsync(first.Id, Ct);

        Assert.True(added);
        Assert.False(again);
        Assert.NotNull(read);
        Assert.Equal((first.Id, "invoice.paid", "invoice.paid:inv_1", T0, "first"), (read.Id, read.Type, read.Key, read.Created, Encoding.UTF8.GetString(read.Body.Span)));
        Assert.Equal(["we_a", "we_b"], read.Deliveries.Select(d => d.EndpointId));
        Assert.All(read.Deliveries, d => Assert.Equal((DeliveryState.Pending, 0, T0, T0), (d.State, d.Attempts, d.RoundStartedAt, d.NextAttemptAt)));
        Assert.False(read.Dispatched);
        Assert.False(await store.IsDispatchedAsync(first.Id, Ct));
        Assert.Null(await store.IsDispatchedAsync(OutboundEventIds.For("never published"), Ct));
        Assert.Null(await store.GetAsync(OutboundEventIds.For("never published"), Ct));
    }

    [Fact]
    public async Task MarkDispatchedAsync_Recorded_SeenByThePointReadAndTheList()
    {
        var (store, _) = await CreateAsync();
        var recorded = Event("invoice.created:inv_1", T0, Body("x"), "we_a");
        await store.TryAddAsync(recorded, Ct);

        await store.MarkDispatchedAsync(recorded, Ct);

        Assert.True(await store.IsDispatchedAsync(recorded.Id, Ct));
        Assert.True((await store.GetAsync(recorded.Id, Ct))!.Dispatched);
        Assert.True(Assert.Single((await store.ListAsync(null, 10, Ct))!.Events).Dispatched);
    }

    [Fact]
    public async Task TryAddAsync_BodyLargerThanOneColumn_ReadBackWhole()
    {
        var (store, _) = await CreateAsync();
        var large = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', 200_000) + "\"}");

        Assert.True(await store.TryAddAsync(Event("invoice.created:big", T0, large), Ct));

        Assert.Equal(large, (await store.GetAsync(OutboundEventIds.For("invoice.created:big"), Ct))!.Body.ToArray());
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryAddAsync(Event("invoice.created:too big", T0, new byte[OutboundEvent.MaxBodyBytes + 1]), Ct));
    }

    [Fact]
    public async Task ListAsync_EventsWithDeliveries_NewestFirstPageByPage()
    {
        var (store, _) = await CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var recorded = Event($"invoice.created:inv_{i}", T0.AddSeconds(i), Body($"{i}"), [.. Enumerable.Range(0, i).Select(e => $"we_{e}")]);
            await store.TryAddAsync(recorded, Ct);
            ids.Add(recorded.Id);
        }

        var first = (await store.ListAsync(null, 2, Ct))!;
        var second = (await store.ListAsync(first.Events[^1].Id, 2, Ct))!;
        var third = (await store.ListAsync(second.Events[^1].Id, 2, Ct))!;

        Assert.Equal($"{ids[4]} {ids[3]} more", Page(first));
        Assert.Equal($"{ids[2]} {ids[1]} more", Page(second));
        Assert.Equal($"{ids[0]} end", Page(third));
        // Each event with its own deliveries, none of its neighbours'.
        Assert.Equal([4, 3, 2, 1, 0], first.Events.Concat(second.Events).Concat(third.Events).Select(e => e.Deliveries.Count));
        Assert.Null(await store.ListAsync(OutboundEventIds.For("never published"), 2, Ct));
    }

    [Fact]
    public async Task TryReplaceDeliveryAsync_StaleVersion_LosesAndTheWinnerStays()
    {
        var (store, _) = await CreateAsync();
        var recorded = Event("invoice.paid:inv_2", T0, Body("x"), "we_a");
        await store.TryAddAsync(recorded, Ct);
        var read = (await store.GetAsync(recorded.Id, Ct))!.Deliveries.Single();
        var attempt = new DeliveryAttempt(1, T0.AddSeconds(1), 500, null, TimeSpan.FromMilliseconds(12));

        var won = await store.TryReplaceDeliveryAsync(recorded, read.WithAttempt(attempt) with { NextAttemptAt = T0.AddMinutes(1) }, Ct);
        var lost = await store.TryReplaceDeliveryAsync(recorded, read with { State = DeliveryState.Failed }, Ct);
        var stored = (await store.GetAsync(recorded.Id, Ct))!.Deliveries.Single();

        Assert.NotNull(won);
        Assert.Null(lost);
        Assert.Equal((DeliveryState.Pending, 1, T0.AddMinutes(1)), (stored.State, stored.Attempts, stored.NextAttemptAt));
        Assert.Equal(attempt, Assert.Single(stored.Log));
        Assert.Equal(won.Version, stored.Version);
    }

    [Fact]
    public async Task WebhookEndpointStore_AddListDelete_SecretKeptForSigning()
    {
        var (_, endpoints) = await CreateAsync();
        var a = new WebhookEndpoint("we_000000000000000000000001", "https://a.example/hooks", ["invoice.paid"], "whsec_a", T0);
        var b = new WebhookEndpoint("we_000000000000000000000002", "https://b.example/hooks", ["*"], "whsec_b", T0.AddSeconds(-1));

        await endpoints.AddAsync(a, Ct);
        await endpoints.AddAsync(b, Ct);
        var listed = await endpoints.ListAsync(Ct);
        var deleted = await endpoints.DeleteAsync(b.Id, Ct);
        var deletedAgain = await endpoints.DeleteAsync(b.Id, Ct);

        Assert.Equal([b.Id, a.Id], listed.Select(e => e.Id)); // oldest first
        Assert.Equal(("whsec_a", "https://a.example/hooks"), (listed[1].Secret, listed[1].Url));
        Assert.Equal(["invoice.paid"], listed[1].EnabledEvents);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Null(await endpoints.GetAsync(b.Id, Ct));
        Assert.Equal(a.Id, (await endpoints.GetAsync(a.Id, Ct))!.Id);
        Assert.DoesNotContain("whsec_a", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_Delay_InvisibleUntilDueAndTakenBackByItsReceipt()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("oq")[..20] };
        var queues = new WorkQueues(new QueueServiceClient(azurite.ConnectionString, WorkQueues.ClientOptions), names);
        await queues.InitializeAsync(Ct);
        var queue = new QueueClient(azurite.ConnectionString, names.WebhookDeliveriesQueue, WorkQueues.ClientOptions);

        var later = await queues.EnqueueAsync(new WebhookDeliveryRequest("evt_1", "we_1", 2), TimeSpan.FromMinutes(1), Ct);
        var visibleLater = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value.Length;
        await queues.DeleteAsync(later, Ct);
        await queues.EnqueueAsync(new WebhookDeliveryRequest("evt_1", "we_1", 1), TimeSpan.FromMilliseconds(900), Ct);
        var now = Assert.Single((await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value);
        var properties = (await queue.GetPropertiesAsync(Ct)).Value;

        Assert.Equal(0, visibleLater);
        Assert.Equal(new WebhookDeliveryRequest("evt_1", "we_1", 1), QueueMessages.ReadWebhookDelivery(now.Body.ToString()));
        Assert.Equal(1, properties.ApproximateMessagesCount); // the delayed one was taken back; the other is still held by its receive
        await queues.DeleteAsync(later, Ct); // gone already: nothing happens
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"event":"evt_1","endpoint":"we_1","attempt":0}""")]
    [InlineData("""{"event":"","endpoint":"we_1","attempt":1}""")]
    [InlineData("""{"event":"evt_1","attempt":1}""")]
    public void ReadWebhookDelivery_NotSuchAMessage_JsonException(string json) =>
        Assert.Throws<System.Text.Json.JsonException>(() => QueueMessages.ReadWebhookDelivery(json));

    private async Task<(OutboundEventStore Events, WebhookEndpointStore Endpoints)> CreateAsync()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("out")[..20] };
        var events = new OutboundEventStore(azurite.Tables, names);
        var endpoints = new WebhookEndpointStore(azurite.Tables, names);
        await events.InitializeAsync(Ct);
        await endpoints.InitializeAsync(Ct);
        return (events, endpoints);
    }

    private static string Page(OutboundEventPage page) => string.Join(' ', page.Events.Select(e => e.Id).Append(page.HasMore ? "more" : "end"));

    private static byte[] Body(string marker) => Encoding.UTF8.GetBytes(marker);

    private static OutboundEvent Event(string key, DateTimeOffset created, byte[] body, params string[] endpoints) => new(
        OutboundEventIds.For(key),
        key[..key.IndexOf(':', StringComparison.Ordinal)],
        key,
        created,
        body,
        [.. endpoints.Select(e => WebhookDelivery.Owed(new WebhookEndpoint(e, $"https://example.com/{e}", ["*"], "whsec_x", created), created))],
        Dispatched: false);
}
