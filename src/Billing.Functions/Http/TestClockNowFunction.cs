using Billing.Functions.Hosting;
using Billing.Invoicing.Clock;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/test_helpers/clock</c> (function key): the test clock's current time and the time it
/// is frozen at; 404 <c>test_clock_disabled</c> unless the app runs with <c>Billing__TestClock=true</c>.
/// </summary>
public sealed class TestClockNowFunction(TestClockNowHandler handler, HttpEdge edge)
{
    [Function("TestClockNow")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "test_helpers/clock")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(cancellationToken).ConfigureAwait(false) is { } now
                ? TypedResults.Ok(now)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "test_clock_disabled", "The test clock is off: test helpers are available only when the app runs with Billing__TestClock=true."),
            cancellationToken);
}
