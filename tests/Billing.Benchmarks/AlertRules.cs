using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Billing.Domain.Catalog;
using Billing.Domain.Ports;
using Billing.Invoicing.Alerts;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Benchmarks;

/// <summary>
/// The usage benchmark with alert rules (<c>--alert-rules N</c>): rules created through the API's
/// handler before the workload, and the threshold checks the workload's commits sent drained
/// through CheckThreshold afterwards, as its queue trigger would, timed. Rule evaluation runs there,
/// off the ingestion path: the blob figures with and without rules show that; "checks" shows what
/// the rules cost the checks.
/// </summary>
internal static class AlertRules
{
    /// <summary>
    /// Round-robin over the subscriptions: even rules spend at 100 minor units and up (they fire at
    /// the first commit that gets there), odd rules usage of compute_seconds far above any workload
    /// (judged at every check, never fired).
    /// </summary>
    public static async Task CreateAsync(ServiceProvider services, int count, CancellationToken cancellationToken)
    {
        var subscriptions = services.GetRequiredService<BillingCatalog>().Subscriptions;
        var handler = services.GetRequiredService<CreateAlertHandler>();
        for (var i = 0; i < count; i++)
        {
            var subscription = subscriptions[i % subscriptions.Count].Id;
            var round = i / subscriptions.Count;
            var request = i % 2 == 0
                ? new CreateAlertRequest(subscription, "spend", null, JsonSerializer.SerializeToElement(100 + round))
                : new CreateAlertRequest(subscription, "usage", "compute_seconds", JsonSerializer.SerializeToElement(1_000_000_000_000m + round));
            if (await handler.HandleAsync(request, cancellationToken) is not CreateAlertOutcome.Created)
            {
                throw new InvalidOperationException($"Alert rule {i} on {subscription} was not created.");
            }
        }
    }

    public static async Task<JsonObject> DrainChecksAsync(ServiceProvider services, int rules, int workers, CancellationToken cancellationToken)
    {
        var names = services.GetRequiredService<StorageNames>();
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(names.ThresholdChecksQueue);
        var handler = services.GetRequiredService<CheckThresholdHandler>();
        long checks = 0;
        var clock = Stopwatch.StartNew();
        var drain = await QueueDrain.RunAsync(
            queue,
            workers,
            async (body, ct) =>
            {
                var message = QueueMessages.ReadThresholdChecks(body)!;
                Interlocked.Add(ref checks, message.Count);
                await handler.HandleAsync(message, ct);
                return null;
            },
            cancellationToken);
        clock.Stop();
        var fired = (await services.GetRequiredService<IAlertRuleStore>().ListAsync(null, cancellationToken)).Count(r => r.LastFiring is not null);
        return new JsonObject
        {
            ["alert_rules"] = rules,
            ["messages"] = drain.Handled,
            ["subscription_checks"] = checks,
            ["failed"] = drain.Failed,
            ["workers"] = workers,
            ["seconds"] = Figures.Round(clock.Elapsed.TotalSeconds, 2),
            ["checks_per_s"] = Figures.Round(checks / clock.Elapsed.TotalSeconds),
            ["alerts_fired"] = fired,
        };
    }
}
