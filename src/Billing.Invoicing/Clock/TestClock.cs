using Billing.Domain.Ports;

namespace Billing.Invoicing.Clock;

/// <summary>
/// The business clock of a test run (<c>Billing:TestClock</c>): until the first
/// <see cref="AdvanceAsync"/> it reads the wall clock; from then on it stands still at the time
/// it was advanced to, which only moves forward and is kept in table <c>testclock</c> so that a
/// restarted handler process finds it (<see cref="LoadAsync"/>, before serving). Timers and
/// timestamps are the wall clock's: only "now" is frozen.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly ITestClockStore store;
    private readonly TimeProvider wall;
    private readonly SemaphoreSlim advancing = new(1, 1);

    // Read on every GetUtcNow from any thread, written only under 'advancing' (or at load): an
    // immutable box behind a volatile reference, since a DateTimeOffset cannot be volatile itself.
    private volatile Frozen? frozen;

    /// <param name="wall">The clock followed until the first advance (<see cref="TimeProvider.System"/>; a fake in tests).</param>
    public TestClock(ITestClockStore store, TimeProvider wall)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(wall);
        this.store = store;
        this.wall = wall;
    }

    /// <summary>The time the clock is frozen at, or null while it still follows the wall clock.</summary>
    public DateTimeOffset? FrozenTime => frozen?.Time;

    public override TimeZoneInfo LocalTimeZone => wall.LocalTimeZone;

    public override long TimestampFrequency => wall.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => frozen?.Time ?? wall.GetUtcNow();

    public override long GetTimestamp() => wall.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wall.CreateTimer(callback, state, dueTime, period);

    /// <summary>Creates the table if needed and takes the stored frozen time, if any.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        frozen = stored is { } row ? new Frozen(row.FrozenTime) : null;
    }

    /// <summary>
    /// The clock's current time as an advance would compare with it: the frozen time as stored
    /// (another instance may have moved it), or, before the first advance, the wall clock's now
    /// truncated to the whole second; and the frozen time, null before the first advance.
    /// </summary>
    public async Task<(DateTimeOffset Now, DateTimeOffset? FrozenTime)> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        var frozenTime = stored?.FrozenTime ?? frozen?.Time;
        return (frozenTime ?? WholeSecond(wall.GetUtcNow()), frozenTime);
    }

    /// <summary>
    /// Freezes the clock at <paramref name="frozenTime"/>, unless that is earlier than the current
    /// time: the frozen time, as stored (another instance may have moved it), or, before the first
    /// advance, the wall clock's now truncated to the whole second (the API speaks seconds, so
    /// "advance to now" works). Advancing to the current time is allowed and changes nothing.
    /// </summary>
    public async Task<ClockAdvance> AdvanceAsync(DateTimeOffset frozenTime, CancellationToken cancellationToken)
    {
        var target = frozenTime.ToUniversalTime();
        await advancing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Each failed write means another instance advanced the clock meanwhile: read its time and decide again.
            while (true)
            {
                var stored = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
                var current = stored?.FrozenTime ?? frozen?.Time ?? WholeSecond(wall.GetUtcNow());
                if (stored is { } row)
                {
                    frozen = new Frozen(row.FrozenTime);
                }

                if (target < current)
                {
                    return new ClockAdvance.Backwards(current);
                }

                if (await store.TryWriteAsync(stored, target, cancellationToken).ConfigureAwait(false))
                {
                    frozen = new Frozen(target);
                    return new ClockAdvance.Advanced(target);
                }
            }
        }
        finally
        {
            advancing.Release();
        }
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private sealed record Frozen(DateTimeOffset Time);
}
