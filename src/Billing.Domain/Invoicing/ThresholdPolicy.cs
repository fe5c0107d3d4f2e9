using Billing.Domain.Periods;

namespace Billing.Domain.Invoicing;

/// <summary>
/// When usage is billed early: as soon as the unbilled amount of threshold-eligible usage in the
/// current period reaches <c>billing_thresholds.amount_gte</c> (seats and tax excluded).
/// </summary>
public static class ThresholdPolicy
{
    /// <summary>Default <c>amount_gte</c>: 10000 minor units (USD 100.00).</summary>
    public const long DefaultAmountGte = 10_000;

    /// <param name="amountGte">The threshold, in minor units.</param>
    /// <param name="unbilledEligibleMinor">Unbilled eligible usage, in minor units.</param>
    public static bool IsReached(long amountGte, long unbilledEligibleMinor) => unbilledEligibleMinor >= amountGte;

    /// <summary>
    /// Whether a period's usage can be billed by a threshold invoice at <paramref name="now"/> (the
    /// business clock): only the current period's can. Usage that reaches an ended period during its
    /// grace window waits for that period's cycle invoice, so a batch that touches an ended period
    /// and the current one yields at most one threshold invoice, for the current period.
    /// </summary>
    public static bool Covers(BillingPeriod period, DateTimeOffset now) => period.Contains(now);
}
