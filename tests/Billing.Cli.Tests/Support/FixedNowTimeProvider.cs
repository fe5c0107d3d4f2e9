namespace Billing.Cli.Tests.Support;

/// <summary>
/// A clock whose "now" stands at one instant while its timers and timestamps run in real time, as
/// the app's test clock does: the CLI generates data at a chosen date and still waits on a real app.
/// </summary>
internal sealed class FixedNowTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
