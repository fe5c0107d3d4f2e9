namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>A step of a period: an event arrives, or a threshold check runs with <see cref="AmountGte"/>.</summary>
public sealed record PrefixStep(UsageEvent? Event, long? AmountGte)
{
    public override string ToString() => Event?.ToString() ?? $"check(gte={AmountGte})";
}
