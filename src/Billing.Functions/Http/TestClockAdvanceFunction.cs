using Billing.Invoicing.Clock;
using Billing.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/test_helpers/clock/advance</c> (function key), served only when the business clock
/// is the <see cref="TestClock"/> (<c>Billing__TestClock=true</c>): 404 <c>test_clock_disabled</c>
/// otherwise, whatever the body. The body <c>{"frozen_time": …}</c> is read and checked here (400
/// <c>invalid_request</c>), the handler moves the clock and runs the timers.
/// </summary>
public sealed class TestClockAdvanceFunction(TestClockAdvanceHandler handler, TimeProvider time, HttpEdge edge)
{
    [Function("TestClockAdvance")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "test_helpers/clock/advance")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => AdvanceAsync(request, client, cancellationToken), cancellationToken);

    private async Task<IResult> AdvanceAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (time is not TestClock)
        {
            return Disabled("The test clock is off: test helpers are available only when the app runs with Billing__TestClock=true.");
        }

        DateTimeOffset? frozenTime;
        string? problem;
        using (var body = await RequestBody.ReadAsync(request, ClockAdvanceBody.MaxBytes, cancellationToken).ConfigureAwait(false))
        {
            (frozenTime, problem) = body is null ? (null, ClockAdvanceBody.TooLarge) : ClockAdvanceBody.Parse(body.Span.ToArray());
        }

        if (frozenTime is not { } target)
        {
            return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem!);
        }

        var outcome = await handler.HandleAsync(new TestClockAdvanceRequest(target), client, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            TestClockAdvanceOutcome.Advanced advanced => TypedResults.Ok(advanced.Response),
            TestClockAdvanceOutcome.Disabled disabled => Disabled(disabled.Message),
            TestClockAdvanceOutcome.Backwards backwards => HttpEdge.Error(StatusCodes.Status400BadRequest, "clock_backwards", backwards.Message),
            _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }

    private static IResult Disabled(string message) => HttpEdge.Error(StatusCodes.Status404NotFound, "test_clock_disabled", message);
}
