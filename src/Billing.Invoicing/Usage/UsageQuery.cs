namespace Billing.Invoicing.Usage;

/// <summary>What <c>GET /api/customers/{id}/usage</c> was asked for.</summary>
/// <param name="PeriodStart">The period to show (its start); null for each subscription's current period.</param>
/// <param name="Daily">Whether each meter line carries its daily series.</param>
public sealed record UsageQuery(DateTimeOffset? PeriodStart = null, bool Daily = false)
{
    public static readonly UsageQuery Current = new();
}
