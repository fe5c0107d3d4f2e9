namespace Billing.Invoicing.Clock;

/// <summary>What <see cref="TestClock.AdvanceAsync"/> did.</summary>
public abstract record ClockAdvance
{
    private ClockAdvance()
    {
    }

    /// <summary>The clock is frozen at <paramref name="FrozenTime"/> (UTC).</summary>
    public sealed record Advanced(DateTimeOffset FrozenTime) : ClockAdvance;

    /// <summary>Refused: the time asked for is earlier than <paramref name="Current"/>; nothing changed.</summary>
    public sealed record Backwards(DateTimeOffset Current) : ClockAdvance;
}
