namespace Billing.Invoicing.Clock;

/// <summary>What the test clock's advance answers; the HTTP layer maps it to a status code.</summary>
public abstract record TestClockAdvanceOutcome
{
    private TestClockAdvanceOutcome()
    {
    }

    /// <summary>200: the clock is at the new time and every timer ran once.</summary>
    public sealed record Advanced(TestClockAdvanceResponse Response) : TestClockAdvanceOutcome;

    /// <summary>404 <c>test_clock_disabled</c>: the app's business clock is not a test clock.</summary>
    public sealed record Disabled(string Message) : TestClockAdvanceOutcome;

    /// <summary>400 <c>clock_backwards</c>: the time is earlier than the clock's; nothing changed.</summary>
    public sealed record Backwards(string Message) : TestClockAdvanceOutcome;
}
