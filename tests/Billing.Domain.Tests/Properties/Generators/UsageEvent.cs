namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>One generated event for the prefix property: which meter, its value, when, and its text key.</summary>
/// <param name="MinuteOffset">Minutes after the start of the event's period (ties on purpose).</param>
public sealed record UsageEvent(int MeterIndex, decimal Value, int MinuteOffset, string Key)
{
    public override string ToString() => $"m{MeterIndex}:{Value}@{MinuteOffset}/{Key}";
}
