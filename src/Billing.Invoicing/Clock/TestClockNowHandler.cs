namespace Billing.Invoicing.Clock;

/// <summary>
/// <c>GET /api/test_helpers/clock</c>: the test clock's current time, read from its stored row so
/// that it agrees with what an advance would compare with, whichever instance answers. A client
/// counts a relative advance (<c>billing clock advance +31d</c>) from it. Null when the business
/// clock is not a <see cref="TestClock"/>.
/// </summary>
public sealed class TestClockNowHandler(TimeProvider time)
{
    public async Task<TestClockNowResponse?> HandleAsync(CancellationToken cancellationToken)
    {
        if (time is not TestClock clock)
        {
            return null;
        }

        var (now, frozenTime) = await clock.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new TestClockNowResponse(now.ToUnixTimeSeconds(), frozenTime?.ToUnixTimeSeconds());
    }
}
