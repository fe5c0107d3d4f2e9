using System.Buffers;
using System.Globalization;
using Billing.Domain.Periods;

namespace Billing.Domain.Usage;

/// <summary>
/// The unit of exactly-once aggregation: one subscription in one billing period. Its aggregates
/// and dedup keys change together, atomically, in the usage ledger (<see cref="Ports.IUsageLedger"/>).
/// </summary>
public readonly record struct UsagePartition
{
    public UsagePartition(string subscriptionId, BillingPeriod period)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        if (subscriptionId.AsSpan().IndexOfAny(KeyForbidden) >= 0)
        {
            // The partition is named by its key (below) wherever it is stored; these characters cannot be in a table key.
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

    /// <summary>"{subscription}|{period start, Unix seconds}": names the partition wherever it is stored (its usage, the ledger of what invoices billed of it).</summary>
    public string PartitionKey =>
        string.Create(CultureInfo.InvariantCulture, $"{SubscriptionId}|{Period.Start.ToUnixTimeSeconds():D12}");

    public override string ToString() => PartitionKey;
}
