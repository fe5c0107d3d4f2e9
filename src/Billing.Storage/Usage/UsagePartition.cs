using System.Buffers;
using System.Globalization;
using Billing.Domain.Periods;

namespace Billing.Storage.Usage;

/// <summary>
/// The unit of exactly-once aggregation: one subscription in one billing period. Its aggregates
/// and dedup keys change together in one entity-group transaction (see <see cref="UsageKeys"/>).
/// </summary>
public readonly record struct UsagePartition
{
    public UsagePartition(string subscriptionId, BillingPeriod period)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        if (subscriptionId.AsSpan().IndexOfAny(KeyForbidden) >= 0)
        {
            throw new ArgumentException($"Subscription id '{subscriptionId}' contains a character Table Storage keys cannot hold.", nameof(subscriptionId));
        }

        SubscriptionId = subscriptionId;
        Period = period;
    }

    // Built once: this check runs for every event.
    private static readonly SearchValues<char> KeyForbidden = SearchValues.Create(
        "/\\#?|\u007f" + string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)));

    public string SubscriptionId { get; }

    public BillingPeriod Period { get; }

    /// <summary>"{subscription}|{period start, Unix seconds}": names the partition in other tables (the ledger).</summary>
    public string PartitionKey =>
        string.Create(CultureInfo.InvariantCulture, $"{SubscriptionId}|{Period.Start.ToUnixTimeSeconds():D12}");

    public override string ToString() => PartitionKey;
}
