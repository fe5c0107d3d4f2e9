using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Domain.Outbound;
using Billing.Functions.Tests.Outbound;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Functions.Tests.Alerts;

/// <summary>
/// Alerts end to end on a deployment of the app (<see cref="OutboundHarness"/>: Azurite, the HTTP
/// API, a loopback webhook receiver registered for <c>billing.alert.triggered</c>): usage through
/// <c>POST /api/meter_events</c> and through usage files, then the CheckThreshold function on the
/// threshold-checks messages the commits sent, then the deliveries. The business clock is the
/// harness's fake clock.
/// </summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    private int files;

    private AlertHarness(OutboundHarness outbound, string secret)
    {
        Outbound = outbound;
        Secret = secret;
    }

    public OutboundHarness Outbound { get; }

    /// <summary>The receiver endpoint's signing secret.</summary>
    public string Secret { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Outbound.Clock;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="overrides">More services of the app's instances (not the web app).</param>
    public static async Task<AlertHarness> CreateAsync(AzuriteFixture azurite, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? overrides = null)
    {
        var outbound = await OutboundHarness.CreateAsync(azurite, overrides: overrides);
        var endpoint = await outbound.CreateEndpointAsync(outbound.Receiver.Url, OutboundEventTypes.AlertTriggered);
        return new AlertHarness(outbound, endpoint.GetProperty("secret").GetString()!);
    }

    /// <summary>Creates a rule over HTTP; returns its id.</summary>
    public async Task<string> CreateAlertAsync(object body)
    {
        var (status, answer) = await Outbound.SendAsync(HttpMethod.Post, "/api/alerts", body);
        Assert.True(status == HttpStatusCode.OK, $"POST /api/alerts answered {status}: {answer}");
        return answer.GetProperty("id").GetString()!;
    }

    /// <summary>compute_seconds events of cus_A over HTTP, one per value, stamped <paramref name="at"/> (the clock's now by default).</summary>
    public async Task PostComputeAsync(IEnumerable<decimal> seconds, DateTimeOffset? at = null)
    {
        var stamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds();
        var events = seconds.Select(value => new
        {
            event_name = "compute_seconds",
            timestamp = stamp,
            identifier = $"h-{Guid.NewGuid():N}",
            payload = new Dictionary<string, string> { ["stripe_customer_id"] = "cus_A", ["value"] = value.ToString(CultureInfo.InvariantCulture) },
        }).ToArray();
        var (status, answer) = await Outbound.SendAsync(HttpMethod.Post, "/api/meter_events", events);
        Assert.True(status == HttpStatusCode.OK && answer.GetProperty("accepted").GetInt32() == events.Length, $"POST /api/meter_events answered {status}: {answer}");
    }

    /// <summary>compute_seconds events of cus_A as a usage file (JSON Lines), ingested by the blob function.</summary>
    public async Task IngestComputeFileAsync(IEnumerable<decimal> seconds, DateTimeOffset? at = null)
    {
        var stamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds();
        var lines = seconds.Select(value => string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"event_name":"compute_seconds","timestamp":{{{stamp}}},"identifier":"f-{{{Guid.NewGuid():N}}}","payload":{"stripe_customer_id":"cus_A","value":"{{{value}}}"}}"""));
        var report = await Outbound.Harness.IngestAsync($"alerts-{Interlocked.Increment(ref files)}-{Guid.NewGuid():N}.jsonl", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        Assert.Equal(0, report.Rejected);
    }

    /// <summary>
    /// Runs CheckThreshold on threshold-checks messages as its queue trigger does (on
    /// <paramref name="app"/>, the first instance by default) until the queue is empty, or — with
    /// <paramref name="until"/> — until that task has ended and the queue is empty.
    /// </summary>
    public async Task<int> RunChecksAsync(AppInstance? app = null, Task? until = null)
    {
        app ??= Outbound.App;
        var queue = new QueueClient(Outbound.Harness.Settings["AzureWebJobsStorage"], app.Get<StorageNames>().ThresholdChecksQueue, WorkQueues.ClientOptions);
        var handled = 0;
        while (true)
        {
            var ended = until is null || until.IsCompleted;
            var messages = (await queue.ReceiveMessagesAsync(8, TimeSpan.FromMinutes(5), Ct)).Value;
            if (messages.Length == 0)
            {
                if (ended)
                {
                    return handled;
                }

                await Task.Yield();
                continue;
            }

            foreach (var message in messages)
            {
                await app.Get<CheckThresholdHandler>().HandleAsync(QueueMessages.ReadThresholdChecks(message.Body.ToString())!, Ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
                handled++;
            }
        }
    }

    /// <summary>The recorded <c>billing.alert.triggered</c> events (<c>GET /api/events</c>), oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> AlertEventsAsync()
    {
        var (status, page) = await Outbound.SendAsync(HttpMethod.Get, "/api/events?limit=100");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. page.GetProperty("data").EnumerateArray().Where(e => e.GetProperty("type").GetString() == OutboundEventTypes.AlertTriggered).Reverse()];
    }

    /// <summary>The alert rule as <c>GET /api/alerts</c> lists it.</summary>
    public async Task<JsonElement> AlertAsync(string id)
    {
        var (_, list) = await Outbound.SendAsync(HttpMethod.Get, "/api/alerts");
        return list.GetProperty("data").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
    }

    /// <summary>Delivers every pending webhook attempt; returns the alert events the receiver got, each verified by the documented signature check, by event id.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DeliverAndReceiveAsync()
    {
        await Outbound.DeliverAllAsync();
        var received = Outbound.Receiver.Received.Where(r => r.Type == OutboundEventTypes.AlertTriggered).ToList();
        Assert.All(received, r => Assert.True(BillingWebhooks.Verify(r.Body, r.Signature, Secret, r.At, TimeSpan.FromMinutes(5)), $"bad signature on {r.Text}"));
        return received.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.Count());
    }

    public ValueTask DisposeAsync() => Outbound.DisposeAsync();
}
