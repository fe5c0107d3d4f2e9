using System.Globalization;
using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;

namespace Billing.Invoicing.Clock;

/// <summary>
/// <c>POST /api/test_helpers/clock/advance</c>, like Stripe's test clocks: moves the test clock
/// forward to <c>frozen_time</c>, then runs every timer function once (<see cref="IDueTimer"/>),
/// so whatever fell due up to the new time happens before the answer. Available only when the
/// app's business clock is a <see cref="TestClock"/>.
/// </summary>
public sealed partial class TestClockAdvanceHandler
{
    private const string Field = "frozen_time";
    private readonly TimeProvider time;
    private readonly IReadOnlyList<IDueTimer> timers;
    private readonly ILogger<TestClockAdvanceHandler> logger;

    /// <param name="time">The business clock: a <see cref="TestClock"/> when the test clock is on.</param>
    /// <param name="timers">Every timer function, in registration order.</param>
    public TestClockAdvanceHandler(TimeProvider time, IEnumerable<IDueTimer> timers, ILogger<TestClockAdvanceHandler> logger)
    {
        this.time = time;
        this.timers = [.. timers];
        this.logger = logger;
    }

    public async Task<TestClockAdvanceOutcome> HandleAsync(TestClockAdvanceRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (time is not TestClock clock)
        {
            return new TestClockAdvanceOutcome.Disabled(
                "The test clock is off: test helpers are available only when the app runs with Billing__TestClock=true.");
        }

        var frozenTime = request.FrozenTime;
        switch (await clock.AdvanceAsync(frozenTime, cancellationToken).ConfigureAwait(false))
        {
            case ClockAdvance.Backwards backwards:
                var current = backwards.Current.ToUnixTimeSeconds();
                return new TestClockAdvanceOutcome.Backwards(
                    $"{Field} {frozenTime.ToUnixTimeSeconds()} ({Text(frozenTime)}) is earlier than the test clock's current time "
                    + $"{current} ({Text(backwards.Current)}); the test clock only moves forward.");
            case ClockAdvance.Advanced advanced:
                LogAdvanced(advanced.FrozenTime.ToUnixTimeSeconds());
                var reports = new List<DueTimerReport>(timers.Count);
                foreach (var timer in timers)
                {
                    // An advance asks for time to pass: the timers catch up on all of it (TimerRun.IsClockAdvance).
                    var result = await timer.RunAsync(new TimerRun(IsPastDue: false, IsClockAdvance: true), client, cancellationToken).ConfigureAwait(false);
                    reports.Add(new DueTimerReport(timer.FunctionName, result.Result, result.Message));
                }

                return new TestClockAdvanceOutcome.Advanced(new TestClockAdvanceResponse(advanced.FrozenTime.ToUnixTimeSeconds(), reports));
            case var other:
                throw new InvalidOperationException($"Unmapped clock advance {other.GetType().Name}.");
        }
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Test clock advanced to {FrozenTime}; running the timers")]
    private partial void LogAdvanced(long frozenTime);
}
