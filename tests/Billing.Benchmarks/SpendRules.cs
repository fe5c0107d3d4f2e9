using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Billing.Domain.Catalog;
using Billing.Domain.SpendCaps;
using Billing.Domain.Usage;
using Billing.Invoicing.Alerts;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.SpendCaps;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Queues;
using Billing.Storage.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Benchmarks;

/// <summary>
/// <c>--spend-rules N</c>: ingestion with N alert rules and N spend caps active, and the functions
/// that judge them (CheckThreshold) and deliver their events (DeliverWebhook) running beside it, as
/// in the app. During the blob phase the rules and caps are set too high to be reached, so every
/// check pays for reading and judging them; before the HTTP phase some of the subscriptions it will
/// touch get a second rule, and their cap, one minor unit above their amount, so the first request
/// that commits spend to one crosses both. The others keep their rule and cap, out of reach.
/// The latency of an alert is from that request's answer (whose <c>subscriptions[].amount</c> shows
/// the crossing) to the event's first arrival at a loopback receiver.
/// </summary>
internal sealed class SpendRules : IAsyncDisposable
{
    private const long Unreachable = 999_999_999_999;
    private static readonly string[] Events = ["billing.alert.triggered", "billing.spend_cap.reached"];

    private readonly ServiceProvider services;
    private readonly int count;
    private readonly AlertReceiver receiver;
    private readonly QueueWorker checks;
    private readonly QueueWorker deliveries;
    private readonly Dictionary<string, long> armedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> crossedAt = new(StringComparer.Ordinal);

    private SpendRules(ServiceProvider services, int count, AlertReceiver receiver, QueueWorker checks, QueueWorker deliveries)
    {
        this.services = services;
        this.count = count;
        this.receiver = receiver;
        this.checks = checks;
        this.deliveries = deliveries;
    }

    /// <summary>Subscriptions with a rule and a cap: the first <paramref name="count"/> of the catalog.</summary>
    public static async Task<SpendRules> StartAsync(ServiceProvider services, int count, int workers, CancellationToken cancellationToken)
    {
        var receiver = await AlertReceiver.StartAsync(cancellationToken);
        var created = await services.GetRequiredService<CreateWebhookEndpointHandler>().HandleAsync(new CreateWebhookEndpointRequest(receiver.Url, Events), cancellationToken);
        if (created is not CreateWebhookEndpointOutcome.Created)
        {
            throw new InvalidOperationException($"The benchmark's webhook endpoint was refused: {created}");
        }

        var names = services.GetRequiredService<StorageNames>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        var checkHandler = services.GetRequiredService<CheckThresholdHandler>();
        var deliverHandler = services.GetRequiredService<DeliverWebhookHandler>();
        var checks = QueueWorker.Start(
            queues.GetQueueClient(names.ThresholdChecksQueue), workers, (body, ct) => checkHandler.HandleAsync(QueueMessages.ReadThresholdChecks(body)!, ct));
        var deliveries = QueueWorker.Start(
            queues.GetQueueClient(names.WebhookDeliveriesQueue), workers, (body, ct) => deliverHandler.HandleAsync(QueueMessages.ReadWebhookDelivery(body)!, ct));
        var rules = new SpendRules(services, count, receiver, checks, deliveries);
        await rules.SetAsync(rules.Subscriptions().Select(s => s.Id), _ => Unreachable, cancellationToken);
        return rules;
    }

    /// <summary>
    /// Arms a rule and the cap of <paramref name="crossing"/> subscriptions one minor unit above
    /// their amount now, spread evenly over the first <paramref name="touched"/> (those the HTTP phase sends to).
    /// </summary>
    public async Task ArmAsync(DateTimeOffset now, int touched, int crossing, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<UsageStore>();
        var all = Subscriptions().Take(touched).ToArray();
        crossing = Math.Min(crossing, all.Length);
        foreach (var subscription in Enumerable.Range(0, crossing).Select(i => all[(int)((long)i * all.Length / crossing)]))
        {
            var period = subscription.Schedule.PeriodContaining(now)!.Value;
            var snapshot = await store.ReadAsync(new UsagePartition(subscription.Id, period), cancellationToken);
            armedAt[subscription.Id] = PeriodSpend.AmountMinor(subscription, snapshot) + 1;
        }

        // A second rule beside the out-of-reach one (deleting by id reads every subscription's row):
        // each subscription then has two rules to judge, one of which fires.
        await SetAsync(armedAt.Keys, s => armedAt[s], cancellationToken);
    }

    /// <summary>Watches a <c>POST /api/meter_events</c> answer for the first amount at or over an armed subscription's mark.</summary>
    public void Observe(JsonNode answer, long at)
    {
        if (armedAt.Count == 0 || answer["subscriptions"] is not JsonArray touched)
        {
            return;
        }

        foreach (var entry in touched)
        {
            var id = entry!["subscription"]!.GetValue<string>();
            if (armedAt.TryGetValue(id, out var mark) && entry["amount"]!.GetValue<long>() >= mark)
            {
                crossedAt.TryAdd(id, at);
            }
        }
    }

    /// <summary>Lets the functions finish what ingestion queued, then reports what fired and how fast it arrived.</summary>
    public async Task<JsonObject> ReportAsync()
    {
        var drain = Stopwatch.StartNew();
        await checks.StopAsync();
        await deliveries.StopAsync();
        drain.Stop();
        var arrivals = receiver.Arrivals;
        return new JsonObject
        {
            ["rules"] = count + armedAt.Count,
            ["caps"] = count,
            ["armed_to_cross"] = armedAt.Count,
            ["crossed_in_http_phase"] = crossedAt.Count,
            ["alerts"] = Latencies(arrivals, "billing.alert.triggered"),
            ["spend_caps_reached"] = Latencies(arrivals, "billing.spend_cap.reached"),
            ["repeated_deliveries"] = receiver.Repeats,
            ["threshold_checks_handled"] = checks.Handled,
            ["deliveries_handled"] = deliveries.Handled,
            ["handler_failures"] = checks.Failed + deliveries.Failed,
            ["first_failure"] = checks.FirstError ?? deliveries.FirstError,
            ["drain_after_ingestion_seconds"] = Figures.Round(drain.Elapsed.TotalSeconds, 2),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await checks.DisposeAsync();
        await deliveries.DisposeAsync();
        await receiver.DisposeAsync();
    }

    /// <summary>
    /// Event → delivered, per subscription that crossed during the HTTP phase: from the answer that
    /// showed the crossing to the event's first arrival. Events of subscriptions that did not cross
    /// (none, when the rules work) are counted apart.
    /// </summary>
    private JsonObject Latencies(IReadOnlyCollection<AlertReceiver.Arrival> arrivals, string type)
    {
        var ofType = arrivals.Where(a => a.Type == type).ToList();
        var latencies = new List<double>();
        foreach (var arrival in ofType)
        {
            var subscription = (arrival.Data["subscription"] ?? arrival.Data["alert"]?["subscription"])?.GetValue<string>();
            if (subscription is not null && crossedAt.TryGetValue(subscription, out var at))
            {
                latencies.Add(Stopwatch.GetElapsedTime(at, arrival.At).TotalMilliseconds);
            }
        }

        latencies.Sort();
        return new JsonObject
        {
            ["delivered"] = ofType.Count,
            ["expected"] = crossedAt.Count,
            ["match"] = ofType.Count == crossedAt.Count && latencies.Count == crossedAt.Count,
            ["median_ms"] = latencies.Count == 0 ? null : Figures.Round(latencies[latencies.Count / 2], 1),
            ["p99_ms"] = latencies.Count == 0 ? null : Figures.Round(latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))], 1),
            ["max_ms"] = latencies.Count == 0 ? null : Figures.Round(latencies[^1], 1),
        };
    }

    private IEnumerable<Domain.Subscriptions.Subscription> Subscriptions() =>
        services.GetRequiredService<BillingCatalog>().Subscriptions.Take(count);

    /// <summary>One spend rule and a run-time cap per subscription, at <paramref name="mark"/>.</summary>
    private async Task SetAsync(IEnumerable<string> subscriptions, Func<string, long> mark, CancellationToken cancellationToken)
    {
        var create = services.GetRequiredService<CreateAlertHandler>();
        var caps = services.GetRequiredService<SetSpendCapHandler>();
        foreach (var subscription in subscriptions)
        {
            var gte = JsonSerializer.SerializeToElement(mark(subscription));
            if (await create.HandleAsync(new CreateAlertRequest(subscription, "spend", null, gte), cancellationToken) is not CreateAlertOutcome.Created)
            {
                throw new InvalidOperationException($"The benchmark's alert rule on {subscription} was refused.");
            }

            await caps.HandleAsync(subscription, mark(subscription), cancellationToken);
        }
    }
}
