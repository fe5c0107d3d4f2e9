using System.Globalization;
using System.Text.Json;
using Billing.Invoicing.Workflows;

namespace Billing.Invoicing.Clock;

/// <summary>
/// <c>POST /api/test_helpers/clock/advance</c>, like Stripe's test clocks: moves the test clock
/// forward to <c>frozen_time</c>, then runs every timer function once (<see cref="IDueTimer"/>),
/// so whatever fell due up to the new time happens before the answer. Available only when the
/// app's business clock is a <see cref="TestClock"/>.
/// </summary>
public sealed partial class TestClockAdvanceHandler
{
    /// <summary>Bodies are one small object; anything larger is not one.</summary>
    public const int MaxBodyBytes = 4096;

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

    public async Task<TestClockAdvanceOutcome> HandleAsync(TestClockAdvanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (time is not TestClock clock)
        {
            return new TestClockAdvanceOutcome.Disabled(
                "The test clock is off: test helpers are available only when the app runs with Billing__TestClock=true.");
        }

        var (target, problem) = await ReadFrozenTimeAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (target is not { } frozenTime)
        {
            return new TestClockAdvanceOutcome.Invalid(problem!);
        }

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
                    var result = await timer.RunAsync(new TimerRun(IsPastDue: false, IsClockAdvance: true), cancellationToken).ConfigureAwait(false);
                    reports.Add(new DueTimerReport(timer.FunctionName, result.Result, result.Message));
                }

                return new TestClockAdvanceOutcome.Advanced(new TestClockAdvanceResponse(advanced.FrozenTime.ToUnixTimeSeconds(), reports));
            case var other:
                throw new InvalidOperationException($"Unmapped clock advance {other.GetType().Name}.");
        }
    }

    /// <returns>The time asked for, or null and why the body is unusable.</returns>
    private static async Task<(DateTimeOffset? Time, string? Problem)> ReadFrozenTimeAsync(Stream body, CancellationToken cancellationToken)
    {
        const string Shape = $$"""The body must be a JSON object {"{{Field}}": <Unix seconds>}""";
        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, $"{Shape}; this one is larger than {MaxBodyBytes} bytes.");
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            return (null, $"{Shape}; it is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{Shape}; got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            if (!root.TryGetProperty(Field, out var value))
            {
                return (null, $"{Field} is required: the new time in Unix seconds.");
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
            {
                return (null, $"{Field} must be an integer number of Unix seconds; got {value.GetRawText()}.");
            }

            if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return (null, $"{Field} {seconds} is not a time: Unix seconds from {DateTimeOffset.MinValue.ToUnixTimeSeconds()} to {DateTimeOffset.MaxValue.ToUnixTimeSeconds()}.");
            }

            return (DateTimeOffset.FromUnixTimeSeconds(seconds), null);
        }
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Test clock advanced to {FrozenTime}; running the timers")]
    private partial void LogAdvanced(long frozenTime);
}
