using System.Text.Json;
using Billing.Domain.Alerts;
using Billing.Domain.Invoicing;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Billing.Domain.SpendCaps;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Alerts;

/// <summary>
/// Judges a subscription's alert rules after a usage commit touched its current period (called by
/// CheckThreshold, which has read the period's usage): one point read gets the rules and which
/// fired this period; a rule not fired yet whose value is at or over its <c>gte</c> fires.
/// <para>
/// Firing publishes <c>billing.alert.triggered</c> first, keyed by (rule, period start), and then
/// records the firing (a conditional write that records it once). Publishing is idempotent by key, so checks racing on one
/// rule (four writers, several instances) make one event; and a check that stops between the two
/// leaves the firing unrecorded, so the next check publishes again — the same event, or the part
/// of it a stopped publish left unsent — and records it. The record spares later checks the
/// publish; it is not what makes the event happen once.
/// </para>
/// </summary>
public sealed partial class AlertEvaluator(IAlertRuleStore rules, IOutboundEvents events, TimeProvider time, ILogger<AlertEvaluator> logger)
{
    /// <param name="snapshot">The period's stored usage (the current period, not invoiced).</param>
    /// <param name="usage">The same usage with what was billed of it, as the usage API reads it.</param>
    /// <returns>How many rules this check fired.</returns>
    public async Task<int> EvaluateAsync(Subscription subscription, UsageSnapshot snapshot, PeriodUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(usage);
        var periodStart = usage.Period.Start.ToUnixTimeSeconds();
        var state = await rules.ReadForCheckAsync(subscription.Id, periodStart, cancellationToken).ConfigureAwait(false);
        var pending = state.Rules.Where(r => !state.FiredRuleIds.Contains(r.Id)).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        // The numbers the usage API shows: spend is its amount (the one spend caps compare), usage a meter's quantity.
        var amount = PeriodSpend.AmountMinor(subscription, snapshot);
        var fired = 0;
        foreach (var rule in pending)
        {
            var value = rule.Kind == AlertKind.Spend ? amount : usage.QuantityOf(rule.MeterId!);
            if (value < rule.Gte)
            {
                continue;
            }

            var now = time.GetUtcNow();
            var data = new AlertTriggeredData(
                AlertView.From(rule),
                subscription.Id,
                subscription.CustomerId,
                subscription.Currency.Code,
                periodStart,
                usage.Period.End.ToUnixTimeSeconds(),
                value,
                rule.Gte,
                now.ToUnixTimeSeconds());
            var eventId = await events.PublishAsync(
                OutboundEventTypes.AlertTriggered, rule.TriggeredEventKey(periodStart), JsonSerializer.SerializeToElement(data), cancellationToken).ConfigureAwait(false);
            if (await rules.TryMarkFiredAsync(subscription.Id, new AlertFiring(rule.Id, periodStart, value, eventId, now), cancellationToken).ConfigureAwait(false))
            {
                LogFired(rule.Id, subscription.Id, periodStart, value, rule.Gte, eventId);
                fired++;
            }
        }

        return fired;
    }

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Alert {Alert} fired for {Subscription}@{PeriodStart}: {Value} ≥ {Gte}; event {Event}")]
    private partial void LogFired(string alert, string subscription, long periodStart, decimal value, decimal gte, string @event);
}
