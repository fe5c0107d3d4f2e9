namespace Billing.Functions.Workflows;

/// <summary>What a timer trigger tells its function: whether this run is a missed occurrence caught up late.</summary>
public sealed record TimerRun(bool IsPastDue);
