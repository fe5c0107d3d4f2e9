using System.Globalization;
using Billing.Domain.Periods;

namespace Billing.Storage.Usage;

/// <summary>
/// The unit of exactly-once aggregation: one subscription in one billing period. Its aggregates
/// and dedup keys share a table partition, so they change together in one entity-group
/// transaction.
/// </summary>
public readonly record struct UsagePartition(string SubscriptionId, BillingPeriod Period)
{
    /// <summary>"{subscription}|{period start, Unix seconds}": unique, sortable by period within a subscription.</summary>
    public string PartitionKey =>
        string.Create(CultureInfo.InvariantCulture, $"{SubscriptionId}|{Period.Start.ToUnixTimeSeconds():D12}");

    public override string ToString() => PartitionKey;
}
