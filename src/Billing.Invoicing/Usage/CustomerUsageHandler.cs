using Billing.Domain;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>
/// What a customer's admin sees: each subscription's current period, per meter the quantity, its
/// price, what was billed so far and what is not yet, and the progress towards the threshold.
/// </summary>
public sealed class CustomerUsageHandler
{
    private readonly BillingCatalog catalog;
    private readonly IUsageLedger usage;
    private readonly IBilledToDateLedger billed;
    private readonly TimeProvider time;

    public CustomerUsageHandler(BillingCatalog catalog, IUsageLedger usage, IBilledToDateLedger billed, TimeProvider time)
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
            var index = subscription.Schedule.IndexOf(now);
            if (index < 0)
            {
                continue; // not started yet
            }

            var current = await ReadAsync(subscription, index, cancellationToken).ConfigureAwait(false);
            var ended = index > 0 ? await ReadAsync(subscription, index - 1, cancellationToken).ConfigureAwait(false) : null;
            lines.Add(Describe(subscription, current, ended is { Snapshot.InvoicedAt: null } ? ended : null));
        }

        return new CustomerUsageResponse(customerId, now.ToUnixTimeSeconds(), lines);
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

    /// <param name="ended">The previous period, when it has usage that its cycle invoice has not billed yet.</param>
    private static SubscriptionUsage Describe(Subscription subscription, PeriodReading current, PeriodReading? ended)
    {
        var meters = Meters(subscription, current);
        var eligible = Invoicer.UnbilledEligibleMinor(subscription, current.Usage);
        return new SubscriptionUsage(
            subscription.Id,
            subscription.Currency.Code,
            current.Usage.Period.Start.ToUnixTimeSeconds(),
            current.Usage.Period.End.ToUnixTimeSeconds(),
            meters,
            meters.Sum(m => m.Amount ?? 0),
            meters.Sum(m => m.Billed),
            meters.Sum(m => m.Unbilled ?? 0),
            new ThresholdProgress(
                subscription.ThresholdAmountGte,
                eligible,
                decimal.Round(eligible / (decimal)subscription.ThresholdAmountGte, 4, MidpointRounding.AwayFromZero)),
            current.Snapshot?.LateEvents ?? 0,
            ended is null ? null : Ended(subscription, ended));
    }

    private static EndedPeriodUsage Ended(Subscription subscription, PeriodReading ended)
    {
        var meters = Meters(subscription, ended);
        return new EndedPeriodUsage(
            ended.Usage.Period.Start.ToUnixTimeSeconds(),
            ended.Usage.Period.End.ToUnixTimeSeconds(),
            meters,
            meters.Sum(m => m.Amount ?? 0),
            meters.Sum(m => m.Billed),
            meters.Sum(m => m.Unbilled ?? 0));
    }

    private static List<MeterUsageLine> Meters(Subscription subscription, PeriodReading reading) =>
        UsageLines.Meters(subscription, reading.Snapshot, reading.Usage);

    /// <summary>One period's stored usage (null when nothing was committed) and its priced view.</summary>
    private sealed record PeriodReading(UsageSnapshot? Snapshot, PeriodUsage Usage);
}
