namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>
/// A period's events interleaved with threshold checks, then the period's cycle invoice, then
/// <see cref="LateEvents"/> for that period billed on the next cycle invoice.
/// </summary>
public sealed record PrefixScenario(IReadOnlyList<PrefixStep> Steps, IReadOnlyList<UsageEvent> LateEvents)
{
    public override string ToString() => $"steps: [{string.Join(", ", Steps)}]; late: [{string.Join(", ", LateEvents)}]";
}
