using System.Net;
using System.Text.Json;
using Billing.Domain.Outbound;
using Billing.Functions.Tests.Outbound;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>GET /api/events[/{id}]</c> and <c>POST /api/events/{id}/redeliver</c> over HTTP against Azurite.</summary>
public sealed class EventsEndpointTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> BadQueries => new()
    {
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=ten", "limit" },
        { "limit=-1", "limit" },
        { "limit=1&limit=2", "limit" },
        { "starting_after=evt_000000000000000000000000", "starting_after" },
        { "starting_after=nonsense", "starting_after" },
        { "starting_after=a&starting_after=b", "starting_after" },
    };

    [Fact]
    public async Task GetEvents_FivePublished_PagesNewestFirstWithTheirData()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await h.PublishAsync(OutboundEventTypes.InvoiceCreated, $"invoice.created:inv_{i}", new { id = $"inv_{i}", total = i * 100 }));
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (status, all) = await h.SendAsync(HttpMethod.Get, "/api/events");
        var (_, first) = await h.SendAsync(HttpMethod.Get, "/api/events?limit=2");
        var (_, second) = await h.SendAsync(HttpMethod.Get, $"/api/events?limit=2&starting_after={ids[3]}");
        var (_, third) = await h.SendAsync(HttpMethod.Get, $"/api/events?limit=2&starting_after={ids[1]}");
        var (_, empty) = await h.SendAsync(HttpMethod.Get, $"/api/events?starting_after={ids[0]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Reverse(ids).Append("end"), Page(all));
        Assert.Equal([ids[4], ids[3], "more"], Page(first));
        Assert.Equal([ids[2], ids[1], "more"], Page(second));
        Assert.Equal([ids[0], "end"], Page(third));
        Assert.Equal(["end"], Page(empty));
        var oldest = third.GetProperty("data")[0];
        Assert.Equal(["id", "type", "created", "data", "pending_webhooks", "deliveries"], oldest.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("invoice.created", AppHarness.Now.ToUnixTimeSeconds(), "inv_1", 100), (
            oldest.GetProperty("type").GetString(), oldest.GetProperty("created").GetInt64(),
            oldest.GetProperty("data").GetProperty("id").GetString(), oldest.GetProperty("data").GetProperty("total").GetInt32()));
        Assert.Equal(0, oldest.GetProperty("pending_webhooks").GetInt32());
        Assert.Empty(oldest.GetProperty("deliveries").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task GetEvents_BadQuery_400InvalidRequestNamingTheParameter(string query, string parameter)
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.PublishAsync(OutboundEventTypes.InvoiceCreated, "invoice.created:inv_q", new { id = "inv_q" });

        var (status, answer) = await h.SendAsync(HttpMethod.Get, $"/api/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = UploadsApi.Error(answer);
        Assert.Equal("invalid_request", code);
        Assert.Contains(parameter, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvent_Published_TheEventWithItsDeliveries()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var endpoint = await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_g", new { id = "inv_g" });

        var pending = await h.GetEventAsync(id);

        Assert.Equal((id, 1), (pending.GetProperty("id").GetString(), pending.GetProperty("pending_webhooks").GetInt32()));
        var delivery = Assert.Single(pending.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(
            (endpoint.GetProperty("id").GetString(), h.Receiver.Url, "pending", 0, h.Clock.GetUtcNow().ToUnixTimeSeconds()),
            (delivery.GetProperty("endpoint").GetString(), delivery.GetProperty("url").GetString(), delivery.GetProperty("status").GetString(),
             delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("next_attempt_at").GetInt64()));
        Assert.Empty(delivery.GetProperty("attempt_log").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", "/api/events/evt_000000000000000000000000")]
    [InlineData("GET", "/api/events/nonsense")]
    [InlineData("POST", "/api/events/evt_000000000000000000000000/redeliver")]
    [InlineData("POST", "/api/events/nonsense/redeliver")]
    public async Task Event_UnknownId_404EventNotFound(string method, string path)
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var (status, answer) = await h.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("event_not_found", UploadsApi.Error(answer).Code);
    }

    [Fact]
    public async Task PostRedeliver_Delivered_SentAgainWithTheSameBody()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_r", new { id = "inv_r" });
        await h.DeliverAllAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));

        var (status, redelivered) = await h.SendAsync(HttpMethod.Post, $"/api/events/{id}/redeliver");
        await h.DeliverAllAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("pending", 1), (redelivered.GetProperty("deliveries")[0].GetProperty("status").GetString(), redelivered.GetProperty("pending_webhooks").GetInt32()));
        Assert.Equal(2, h.Receiver.Received.Count);
        Assert.Equal(h.Receiver.Received[0].Text, h.Receiver.Received[1].Text);
        var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("succeeded", 2), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(3600, delivery.GetProperty("attempt_log")[1].GetProperty("at").GetInt64() - delivery.GetProperty("attempt_log")[0].GetProperty("at").GetInt64());
    }

    [Fact]
    public async Task PostRedeliver_FailedAfterTheRetryWindow_DeliveredOnceTheReceiverIsBack()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite, new Dictionary<string, string?> { ["Webhooks:RetryFor"] = "00:10:00" });
        await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        h.Receiver.Answer = (_, _) => 500;
        var id = await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_f", new { id = "inv_f" });
        await h.DeliverAllAsync();
        var failed = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());

        h.Receiver.Answer = (_, _) => 200;
        h.Clock.Advance(TimeSpan.FromDays(1));
        var (status, _) = await h.SendAsync(HttpMethod.Post, $"/api/events/{id}/redeliver");
        await h.DeliverAllAsync();

        // 0, 1, 3 and 7 minutes: the next (15) falls after the 10-minute window.
        Assert.Equal(("failed", 4), (failed.GetProperty("status").GetString(), failed.GetProperty("attempts").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, status);
        var delivery = Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("succeeded", 5), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal([500, 500, 500, 500, 200], delivery.GetProperty("attempt_log").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
    }

    /// <summary>A page in one line: each event's id, then "more" or "end".</summary>
    private static string[] Page(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!), page.GetProperty("has_more").GetBoolean() ? "more" : "end"];
}
