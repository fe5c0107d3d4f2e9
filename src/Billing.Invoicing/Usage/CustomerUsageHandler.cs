using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>
/// What a customer's admin sees: each subscription's current period (or an earlier one, by its
/// start), per meter the quantity, its price, what was billed so far and what is not yet, the daily
/// series on request, and for the current period the progress towards the threshold and the forecast.
/// </summary>
public sealed class CustomerUsageHandler
{
    private readonly BillingCatalog catalog;
    private readonly IUsageLedger usage;
    private readonly IBilledToDateLedger billed;
    private readonly ISpendCaps caps;
    private readonly TimeProvider time;

    public CustomerUsageHandler(BillingCatalog catalog, IUsageLedger usage, IBilledToDateLedger billed, ISpendCaps caps, TimeProvider time)
    {
        this.caps = caps;
        this.catalog = catalog;
        this.usage = usage;
        this.billed = billed;
        this.time = time;
    }

    /// <summary>The current period of each subscription; null when the customer is unknown.</summary>
    public async Task<CustomerUsageResponse?> HandleAsync(string customerId, CancellationToken cancellationToken) =>
        await HandleAsync(customerId, UsageQuery.Current, cancellationToken).ConfigureAwait(false) is CustomerUsageOutcome.Found found ? found.Usage : null;

    public async Task<CustomerUsageOutcome> HandleAsync(string customerId, UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (catalog.FindCustomer(customerId) is null)
        {
            return new CustomerUsageOutcome.CustomerNotFound($"No customer '{customerId}' in the catalog.");
        }

        var now = time.GetUtcNow();
        var lines = new List<SubscriptionUsage>();
        var subscriptions = catalog.Subscriptions.Where(s => s.CustomerId == customerId).ToArray();
        foreach (var subscription in subscriptions)
        {
            var currentIndex = subscription.Schedule.IndexOf(now);
            if (currentIndex < 0)
            {
                continue; // not started yet
            }

            var index = query.PeriodStart is { } start ? IndexStartingAt(subscription, start) : currentIndex;
            if (index < 0 || index > currentIndex)
            {
                continue; // no such period, or not begun: the subscription has nothing to show for it
            }

            var reading = await ReadAsync(subscription, index, cancellationToken).ConfigureAwait(false);
            if (index < currentIndex)
            {
                lines.Add(Describe(subscription, reading, now, query.Daily, current: false, ended: null));
                continue;
            }

            var ended = index > 0 ? await ReadAsync(subscription, index - 1, cancellationToken).ConfigureAwait(false) : null;
            var cap = await caps.CapOfAsync(subscription, cancellationToken).ConfigureAwait(false);
            lines.Add(Describe(subscription, reading, now, query.Daily, current: true, ended is { Snapshot.InvoicedAt: null } ? ended : null, cap));
        }

        if (query.PeriodStart is { } asked && lines.Count == 0)
        {
            return new CustomerUsageOutcome.PeriodNotFound(NoSuchPeriod(customerId, subscriptions, asked, now));
        }

        return new CustomerUsageOutcome.Found(new CustomerUsageResponse(customerId, now.ToUnixTimeSeconds(), lines));
    }

    /// <summary>The index of the subscription's period that starts exactly at <paramref name="start"/>, or -1.</summary>
    private static long IndexStartingAt(Subscription subscription, DateTimeOffset start)
    {
        var index = subscription.Schedule.IndexOf(start);
        return index >= 0 && subscription.Schedule.StartOf(index) == start ? index : -1;
    }

    private static string NoSuchPeriod(string customerId, IReadOnlyList<Subscription> subscriptions, DateTimeOffset asked, DateTimeOffset now)
    {
        var seconds = asked.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var begun = subscriptions.Where(s => s.Schedule.IndexOf(now) >= 0).ToArray();
        if (begun.Length == 0)
        {
            return $"period_start {seconds}: none of customer '{customerId}''s subscriptions has begun.";
        }

        // Name the period starts around the one asked for, so that a caller sees what to ask instead.
        var nearest = begun.Select(s =>
        {
            var currentIndex = s.Schedule.IndexOf(now);
            var index = Math.Min(Math.Max(s.Schedule.IndexOf(asked), 0), currentIndex);
            var starts = new[] { index - 1, index, index + 1 }.Where(i => i >= 0 && i <= currentIndex)
                .Select(i => s.Schedule.StartOf(i).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return $"{s.Id}: {string.Join(", ", starts)}";
        });
        return $"period_start {seconds} is not the start of a period of customer '{customerId}' that has begun; "
            + $"periods start at (Unix seconds) {string.Join("; ", nearest)}.";
    }

    private async Task<PeriodReading> ReadAsync(Subscription subscription, long index, CancellationToken cancellationToken)
    {
        var partition = new UsagePartition(subscription.Id, subscription.Schedule.PeriodAt(index));
        var snapshot = await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false);
        var billedByPrice = await billed.ReadAsync(subscription.CustomerId, partition, cancellationToken).ConfigureAwait(false);
        return new PeriodReading(
            snapshot,
            snapshot?.ToPeriodUsage(billedByPrice) ?? new PeriodUsage(partition.Period, new Dictionary<string, decimal>(), billedByPrice));
    }

    /// <param name="current">Whether this is the current period: only it has threshold progress and a forecast.</param>
    /// <param name="ended">The previous period, when it has usage that its cycle invoice has not billed yet.</param>
    /// <param name="cap">The spend cap in force (minor units), for the forecast's <c>spend_cap_at</c>; null without one.</param>
    private static SubscriptionUsage Describe(
        Subscription subscription, PeriodReading reading, DateTimeOffset now, bool daily, bool current, PeriodReading? ended, long? cap = null)
    {
        var period = reading.Usage.Period;
        var metered = UsageLines.Build(subscription, reading, UsageDays.DateOf(now), daily);
        var meters = metered.Select(m => m.Line).ToArray();
        var eligible = Invoicer.UnbilledEligibleMinor(subscription, reading.Usage);
        return new SubscriptionUsage(
            subscription.Id,
            subscription.Currency.Code,
            period.Start.ToUnixTimeSeconds(),
            period.End.ToUnixTimeSeconds(),
            meters,
            meters.Sum(m => m.Amount ?? 0),
            meters.Sum(m => m.Billed),
            meters.Sum(m => m.Unbilled ?? 0),
            current
                ? new ThresholdProgress(
                    subscription.ThresholdAmountGte,
                    eligible,
                    decimal.Round(eligible / (decimal)subscription.ThresholdAmountGte, 4, MidpointRounding.AwayFromZero))
                : null,
            reading.Snapshot?.LateEvents ?? 0,
            ended is null ? null : Ended(subscription, ended, now, daily),
            reading.Snapshot?.InvoicedAt?.ToUnixTimeSeconds(),
            current ? UsageForecaster.Forecast(subscription, period, now, metered, eligible, cap) : null);
    }

    private static EndedPeriodUsage Ended(Subscription subscription, PeriodReading ended, DateTimeOffset now, bool daily)
    {
        var meters = UsageLines.Build(subscription, ended, UsageDays.DateOf(now), daily).Select(m => m.Line).ToArray();
        return new EndedPeriodUsage(
            ended.Usage.Period.Start.ToUnixTimeSeconds(),
            ended.Usage.Period.End.ToUnixTimeSeconds(),
            meters,
            meters.Sum(m => m.Amount ?? 0),
            meters.Sum(m => m.Billed),
            meters.Sum(m => m.Unbilled ?? 0));
    }
}
