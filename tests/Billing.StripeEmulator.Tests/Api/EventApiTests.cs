using System.Net;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.StripeEmulator.Tests.Api;

/// <summary><c>GET /v1/events</c> and <c>/v1/events/{id}</c> through Stripe.net's <c>EventService</c>. Each test has its own emulator, so it sees only its own events.</summary>
public sealed class EventApiTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_SmallPages_NewestFirstAndAutoPagingSeesEveryEventOnce()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        var client = StripeClients.For(server);
        var invoices = await PaidEmptyInvoicesAsync(client, 3); // created, finalized, paid: 9 events
        var events = new EventService(client);

        var page = await events.ListAsync(new EventListOptions { Limit = 4 }, cancellationToken: ct);
        var all = new List<Event>();
        await foreach (var e in events.ListAutoPagingAsync(new EventListOptions { Limit = 4 }, cancellationToken: ct))
        {
            all.Add(e);
        }

        Assert.Equal(4, page.Data.Count);
        Assert.True(page.HasMore);
        Assert.Equal(9, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(
            invoices.AsEnumerable().Reverse().SelectMany(id => new[] { ("invoice.paid", id), ("invoice.finalized", id), ("invoice.created", id) }),
            all.Select(e => (e.Type, ((Invoice)e.Data.Object).Id)));
        Assert.Equal(page.Data.Select(e => e.Id), all.Take(4).Select(e => e.Id));
    }

    [Fact]
    public async Task List_TypeTypesAndWildcard_OnlyMatchingEvents()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        var client = StripeClients.For(server);
        await PaidEmptyInvoicesAsync(client, 2);
        var events = new EventService(client);

        var paid = await events.ListAsync(new EventListOptions { Type = "invoice.paid" }, cancellationToken: ct);
        var two = await events.ListAsync(new EventListOptions { Types = ["invoice.created", "invoice.paid"] }, cancellationToken: ct);
        var wildcard = await events.ListAsync(new EventListOptions { Type = "invoice.*" }, cancellationToken: ct);
        var none = await events.ListAsync(new EventListOptions { Type = "customer.*" }, cancellationToken: ct);

        Assert.Equal(["invoice.paid", "invoice.paid"], paid.Data.Select(e => e.Type));
        Assert.Equal(["invoice.paid", "invoice.created", "invoice.paid", "invoice.created"], two.Data.Select(e => e.Type));
        Assert.Equal(6, wildcard.Data.Count);
        Assert.Empty(none.Data);
    }

    [Fact]
    public async Task List_TypesAsCurlSendsThem_SameFilter()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        await PaidEmptyInvoicesAsync(StripeClients.For(server), 1);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StripeEmulatorServer.TestApiKey);

        var listed = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/v1/events?types[]=invoice.created&types[]=invoice.paid", ct));

        Assert.Equal(["invoice.paid", "invoice.created"], listed.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task List_TypeAndTypesTogether_Refused()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => new EventService(StripeClients.For(server)).ListAsync(
            new EventListOptions { Type = "invoice.paid", Types = ["invoice.created"] }, cancellationToken: ct));

        Assert.Equal((HttpStatusCode.BadRequest, "types"), (error.HttpStatusCode, error.StripeError.Param));
    }

    [Fact]
    public async Task List_CreatedRange_OnlyEventsCreatedInTheRange()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await StripeEmulatorServer.StartAsync(timeProvider: time, cancellationToken: ct);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        var early = await Customers.DraftAsync(client, customer.Id);
        time.Advance(TimeSpan.FromMinutes(10));
        var middle = await Customers.DraftAsync(client, customer.Id);
        time.Advance(TimeSpan.FromMinutes(10));
        var late = await Customers.DraftAsync(client, customer.Id);
        var events = new EventService(client);

        var sinceMiddle = await events.ListAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = Start.AddMinutes(10).UtcDateTime } }, cancellationToken: ct);
        var between = await events.ListAsync(new EventListOptions
        {
            Created = new DateRangeOptions { GreaterThan = Start.UtcDateTime, LessThan = Start.AddMinutes(20).UtcDateTime },
        }, cancellationToken: ct);
        var exactly = await events.ListAsync(new EventListOptions { Created = Start.UtcDateTime }, cancellationToken: ct);

        Assert.Equal([late.Id, middle.Id], sinceMiddle.Data.Select(e => ((Invoice)e.Data.Object).Id));
        Assert.Equal([middle.Id], between.Data.Select(e => ((Invoice)e.Data.Object).Id));
        Assert.Equal([early.Id], exactly.Data.Select(e => ((Invoice)e.Data.Object).Id));
    }

    [Fact]
    public async Task ListAndRetrieve_EventOlderThanThirtyDays_GoneLikeAtStripe()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await StripeEmulatorServer.StartAsync(timeProvider: time, cancellationToken: ct);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        await Customers.DraftAsync(client, customer.Id);
        var events = new EventService(client);
        var old = Assert.Single((await events.ListAsync(cancellationToken: ct)).Data);
        time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        var recent = await Customers.DraftAsync(client, customer.Id);

        var listed = await events.ListAsync(cancellationToken: ct);
        var error = await Assert.ThrowsAsync<StripeException>(() => events.GetAsync(old.Id, cancellationToken: ct));

        Assert.Equal(recent.Id, ((Invoice)Assert.Single(listed.Data).Data.Object).Id);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (error.HttpStatusCode, error.StripeError.Code));
    }

    [Fact]
    public async Task Retrieve_KnownEvent_TheEventAsDeliveredWithTheInvoice()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);
        var client = StripeClients.For(server);
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        var events = new EventService(client);
        var listed = Assert.Single((await events.ListAsync(cancellationToken: ct)).Data);

        var read = await events.GetAsync(listed.Id, cancellationToken: ct);
        var missing = await Assert.ThrowsAsync<StripeException>(() => events.GetAsync("evt_missing", cancellationToken: ct));

        Assert.Equal(("invoice.created", invoice.Id, customer.Id), (read.Type, ((Invoice)read.Data.Object).Id, ((Invoice)read.Data.Object).CustomerId));
        Assert.Equal(listed.Created, read.Created);
        Assert.Equal("resource_missing", missing.StripeError.Code);
    }

    [Fact]
    public async Task List_DeliverySuccess_PendingWhileTheEndpointRefuses()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1000);
        await using var server = await StripeEmulatorServer.StartAsync(o => o.MaxDeliveryAttempts = 1, cancellationToken: ct);
        server.ConfigureWebhook(receiver.Url, "whsec_events_api");
        var client = StripeClients.For(server);
        await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        var events = new EventService(client);

        var pending = await events.ListAsync(new EventListOptions { DeliverySuccess = false }, cancellationToken: ct);
        var delivered = await events.ListAsync(new EventListOptions { DeliverySuccess = true }, cancellationToken: ct);

        Assert.Equal(1, Assert.Single(pending.Data).PendingWebhooks);
        Assert.Empty(delivered.Data);
    }

    /// <summary>Invoices with no lines, finalized (so paid at once): three events each.</summary>
    private async Task<List<string>> PaidEmptyInvoicesAsync(StripeClient client, int count)
    {
        var customer = await Customers.CreateAsync(client);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var invoice = await Customers.DraftAsync(client, customer.Id);
            await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
            ids.Add(invoice.Id);
        }

        return ids;
    }
}
