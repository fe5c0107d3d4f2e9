namespace Billing.Domain.Alerts;

/// <summary>What an alert rule compares with its <c>gte</c> (docs/contracts.md §10).</summary>
public enum AlertKind
{
    /// <summary>The period's amount so far, in minor units, seats excluded: the usage API's <c>amount</c>.</summary>
    Spend,

    /// <summary>One meter's aggregated quantity in the period: the usage API's <c>quantity</c> of that meter.</summary>
    Usage,
}
