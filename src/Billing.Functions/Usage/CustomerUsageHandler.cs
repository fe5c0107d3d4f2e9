using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Subscriptions;
using Billing.Storage.Ledger;
using Billing.Storage.Usage;

namespace Billing.Functions.Usage;

/// <summary>
/// What a customer's admin sees: each subscription's current period, per meter the quantity, its
/// price, what was billed so far and what is not yet, and the progress towards the threshold.
/// </summary>
public sealed class CustomerUsageHandler
{
    private readonly BillingCatalog catalog;
    private readonly UsageStore usage;
    private readonly BilledUsageStore billed;
    private readonly TimeProvider time;

    public CustomerUsageHandler(BillingCatalog catalog, UsageStore usage, BilledUsageStore billed, TimeProvider time)
    {
        this.catalog = catalog;
        this.usage = usage;
        this.billed = billed;
        this.time = time;
    }

    /// <returns>null when the customer is unknown.</returns>
    public async Task<CustomerUsageResponse?> HandleAsync(string customerId, CancellationToken cancellationToken)
    {
        if (catalog.FindCustomer(customerId) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var lines = new List<SubscriptionUsage>();
        foreach (var subscription in catalog.Subscriptions.Where(s => s.CustomerId == customerId))
        {
            if (subscription.Schedule.PeriodContaining(now) is not { } period)
            {
                continue; // not started yet
            }

            var partition = new UsagePartition(subscription.Id, period);
            var snapshot = await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false);
            var billedByPrice = await billed.ReadAsync(customerId, partition, cancellationToken).ConfigureAwait(false);
            lines.Add(Describe(subscription, period, snapshot, billedByPrice));
        }

        return new CustomerUsageResponse(customerId, now.ToUnixTimeSeconds(), lines);
    }

    private static SubscriptionUsage Describe(
        Subscription subscription,
        Domain.Periods.BillingPeriod period,
        UsageSnapshot? snapshot,
        IReadOnlyDictionary<string, BilledToDate> billedByPrice)
    {
        var periodUsage = snapshot?.ToPeriodUsage(billedByPrice) ?? new PeriodUsage(period, new Dictionary<string, decimal>(), billedByPrice);
        var meters = new List<MeterUsageLine>();
        foreach (var item in subscription.Items.Where(i => i.Meter is not null))
        {
            var meter = item.Meter!;
            var amount = item.Price.PriceOf(periodUsage.QuantityOf(meter.Id)).AmountMinor;
            var billedAmount = periodUsage.BilledFor(item.Price.Id).AmountMinor;
            meters.Add(new MeterUsageLine(
                meter.Id,
                item.Price.Id,
                snapshot?.Meters.GetValueOrDefault(meter.Id)?.EventCount ?? 0,
                periodUsage.QuantityOf(meter.Id),
                amount,
                billedAmount,
                amount - billedAmount,
                item.IsThresholdEligible));
        }

        var eligible = Invoicer.UnbilledEligibleMinor(subscription, periodUsage);
        return new SubscriptionUsage(
            subscription.Id,
            subscription.Currency.Code,
            period.Start.ToUnixTimeSeconds(),
            period.End.ToUnixTimeSeconds(),
            meters,
            meters.Sum(m => m.Amount),
            meters.Sum(m => m.Billed),
            meters.Sum(m => m.Unbilled),
            new ThresholdProgress(
                subscription.ThresholdAmountGte,
                eligible,
                decimal.Round(eligible / (decimal)subscription.ThresholdAmountGte, 4, MidpointRounding.AwayFromZero)),
            snapshot?.LateEvents ?? 0);
    }
}
