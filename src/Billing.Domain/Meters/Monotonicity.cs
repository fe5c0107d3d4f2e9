namespace Billing.Domain.Meters;

/// <summary>Whether an aggregate can only grow as events arrive (only such meters take part in threshold invoices).</summary>
public enum Monotonicity
{
    Never,
    Always,

    /// <summary>Grows unless the meter accepts negative values (sum).</summary>
    UnlessNegativeAllowed,
}
