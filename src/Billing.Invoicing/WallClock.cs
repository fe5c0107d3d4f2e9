namespace Billing.Invoicing;

/// <summary>
/// Real time, for what must not follow the test clock: webhook signature tolerance (Stripe signs
/// with real time) and how old a run in flight is. The business clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed record WallClock(TimeProvider Time)
{
    public static WallClock System { get; } = new(TimeProvider.System);
}
