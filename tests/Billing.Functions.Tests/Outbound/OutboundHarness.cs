using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Domain.Ports;
using DeliverWebhookFunction = Billing.Functions.Triggers.DeliverWebhookFunction;
using Billing.Invoicing;
using Billing.Storage;
using Billing.Storage.Queues;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// Outbound webhooks on a deployment of the app (<see cref="AppHarness"/>, Azurite), a loopback
/// receiver, and the HTTP API (<see cref="Api"/>). The app's wall clock is the harness's fake
/// clock; its delivery queue is the real one with the waits taken out (<see cref="ImmediateDeliveryQueue"/>),
/// and <see cref="DeliverAllAsync"/> runs the DeliverWebhook function on every message, moving the
/// fake clock to when each was due: a retry schedule of days runs in a moment, with no sleep.
/// </summary>
internal sealed class OutboundHarness : IAsyncDisposable
{
    private OutboundHarness(AppHarness harness, WebhookReceiver receiver, HttpClient api)
    {
        Harness = harness;
        Receiver = receiver;
        Api = api;
    }

    public AppHarness Harness { get; }

    public WebhookReceiver Receiver { get; }

    /// <summary>The app's HTTP functions (same storage, settings and clocks).</summary>
    public HttpClient Api { get; }

    public FakeTimeProvider Clock => Harness.Clock;

    public AppInstance App => Harness.App;

    public ImmediateDeliveryQueue Queue => App.Get<ImmediateDeliveryQueue>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="settings">App settings (e.g. <c>Webhooks:RetryFor</c>).</param>
    /// <param name="catalog">Catalog JSON; the standard test catalog when null.</param>
    /// <param name="overrides">More services every app instance registers (after <see cref="Overrides"/>; not the web app).</param>
    public static async Task<OutboundHarness> CreateAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, string? catalog = null, Action<IServiceCollection>? overrides = null)
    {
        var harness = await AppHarness.CreateAsync(azurite, more: settings, overrides: services =>
        {
            Overrides(services);
            overrides?.Invoke(services);
        }, catalog: catalog);
        var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = harness.Clock;
        return new OutboundHarness(harness, receiver, harness.StartWebApp(wallClock: harness.Clock).CreateClient());
    }

    /// <summary>The wall clock is the fake business clock; the delivery queue keeps due times instead of waiting.</summary>
    public static void Overrides(IServiceCollection services)
    {
        services.AddSingleton(sp => new WallClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ImmediateDeliveryQueue(sp.GetRequiredService<WorkQueues>(), sp.GetRequiredService<WallClock>().Time));
        services.AddSingleton<IWebhookDeliveryQueue>(sp => sp.GetRequiredService<ImmediateDeliveryQueue>());
    }

    /// <summary>Registers an endpoint over HTTP; returns the answer (with its secret).</summary>
    public async Task<JsonElement> CreateEndpointAsync(string url, params string[] enabledEvents)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/webhook_endpoints", new { url, enabled_events = enabledEvents });
        Assert.True(status == HttpStatusCode.OK, $"POST /api/webhook_endpoints answered {status}: {body}");
        return body;
    }

    /// <summary>Publishes an event through the app's port, as application code does.</summary>
    public Task<string> PublishAsync(string type, string key, object data) =>
        App.Get<IOutboundEvents>().PublishAsync(type, key, JsonSerializer.SerializeToElement(data), Ct);

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        using var response = await Api.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<JsonElement> GetEventAsync(string id)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/events/{id}");
        Assert.True(status == HttpStatusCode.OK, $"GET /api/events/{id} answered {status}: {body}");
        return body;
    }

    /// <summary>
    /// Runs DeliverWebhook on every webhook-deliveries message, the earliest due first, the fake
    /// clock moved to each one's due time, until the queue is empty.
    /// </summary>
    /// <returns>How many messages were handled.</returns>
    public async Task<int> DeliverAllAsync(int atMost = 500)
    {
        var queue = new QueueClient(Harness.Settings["AzureWebJobsStorage"], App.Get<StorageNames>().WebhookDeliveriesQueue, WorkQueues.ClientOptions);
        var pending = new List<(QueueMessage Message, DateTimeOffset Due)>();
        var handled = 0;
        while (true)
        {
            QueueMessage[] received;
            while ((received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), Ct)).Value).Length > 0)
            {
                pending.AddRange(received.Select(m => (m, Queue.DueAt(m.MessageId) ?? Clock.GetUtcNow())));
            }

            if (pending.Count == 0)
            {
                return handled;
            }

            var next = pending.MinBy(p => p.Due);
            pending.Remove(next);
            if (next.Due > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(next.Due);
            }

            await App.Function<DeliverWebhookFunction>().RunAsync(next.Message.Body.ToString(), Ct);
            await queue.DeleteMessageAsync(next.Message.MessageId, next.Message.PopReceipt, Ct);
            Assert.True(++handled < atMost, $"More than {atMost} delivery messages: a retry chain that does not end?");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Receiver.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
