using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Billing.Domain.Outbound;
using Billing.Domain.Periods;
using Billing.Domain.Ports;
using Billing.Domain.SpendCaps;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// Run by CheckThreshold after a usage commit to a subscription's current period: once the
/// period's amount reaches the spend cap, publishes <c>billing.spend_cap.reached</c>. Its key
/// <c>spend_cap:{subscription}:{period start}</c> makes it one event per period however many
/// checks, instances or retries notice it (the publisher records a key once); a later period that
/// reaches its cap again is another event.
/// </summary>
public sealed partial class SpendCapCheck(ISpendCaps caps, IOutboundEvents events, ILogger<SpendCapCheck> logger)
{
    /// <summary>Keys remembered as published before the memo starts over (it only saves reads of the event record).</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, bool> published = new(StringComparer.Ordinal);

    /// <summary>The event's key for one subscription period.</summary>
    public static string KeyOf(string subscriptionId, BillingPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"spend_cap:{subscriptionId}:{period.Start.ToUnixTimeSeconds()}");

    /// <param name="snapshot">The period's aggregates as the check read them.</param>
    /// <returns>True when the period is at or over its cap (the event is published, now or before).</returns>
    public async Task<bool> CheckAsync(Subscription subscription, BillingPeriod period, UsageSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var cap = await caps.CapOfAsync(subscription, cancellationToken).ConfigureAwait(false);
        var status = SpendCapStatus.Of(subscription, period, snapshot, cap);
        if (status.Allowed)
        {
            return false;
        }

        var key = KeyOf(subscription.Id, period);
        if (published.ContainsKey(key))
        {
            return true;
        }

        var data = new SpendCapReachedData(
            subscription.Id,
            subscription.CustomerId,
            subscription.Currency.Code,
            period.Start.ToUnixTimeSeconds(),
            period.End.ToUnixTimeSeconds(),
            status.AmountMinor,
            status.SpendCap!.Value);
        var id = await events.PublishAsync(OutboundEventTypes.SpendCapReached, key, JsonSerializer.SerializeToElement(data), cancellationToken).ConfigureAwait(false);
        if (published.Count >= MaxRemembered)
        {
            published.Clear();
        }

        published[key] = true;
        LogReached(subscription.Id, period.Start.ToUnixTimeSeconds(), status.AmountMinor, status.SpendCap.Value, id);
        return true;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Spend cap reached by {Subscription}@{PeriodStart}: {Amount} ≥ {SpendCap} minor units; event {EventId}")]
    private partial void LogReached(string subscription, long periodStart, long amount, long spendCap, string eventId);
}
