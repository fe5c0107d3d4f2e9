namespace Billing.Domain.SpendCaps;

/// <summary>
/// Where a period's amount stands against its spend cap (docs/contracts.md §1, §9): <c>ok</c>
/// below <see cref="WarningShare"/> of the cap (or without a cap), <c>warning</c> from it, and
/// <c>capped</c> once the amount reaches the cap. The codes are a public contract.
/// </summary>
public static class SpendCapState
{
    public const string Ok = "ok";

    public const string Warning = "warning";

    public const string Capped = "capped";

    /// <summary>The share of the cap from which the state is <see cref="Warning"/>: 80%.</summary>
    public const decimal WarningShare = 0.8m;

    /// <param name="amount">The period's amount, minor units (may be negative: credits).</param>
    /// <param name="cap">The spend cap, minor units (0 or more); null when there is none.</param>
    public static string Of(long amount, long? cap) => cap switch
    {
        null => Ok,
        { } c when amount >= c => Capped,

        // Exact in decimal: no rounding of 80% of an odd number of cents moves the boundary.
        { } c when amount >= WarningShare * c => Warning,
        _ => Ok,
    };
}
