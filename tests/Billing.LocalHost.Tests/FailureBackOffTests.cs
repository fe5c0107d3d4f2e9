using Billing.LocalHost.Triggers;

namespace Billing.LocalHost.Tests;

public sealed class FailureBackOffTests
{
    [Fact]
    public void Failed_InARow_DoublesFromTheFirstWaitUpToTheCap()
    {
        var backOff = new FailureBackOff(TimeSpan.FromSeconds(1));

        var waits = Enumerable.Range(0, 8).Select(_ => backOff.Failed().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(8, backOff.Failures);
    }

    [Fact]
    public void Failed_AfterASuccess_StartsOverFromTheFirstWait()
    {
        var backOff = new FailureBackOff(TimeSpan.FromMilliseconds(250));
        backOff.Failed();
        backOff.Failed();
        backOff.Failed();

        backOff.Succeeded();

        Assert.Equal(0, backOff.Failures);
        Assert.Equal(TimeSpan.FromMilliseconds(250), backOff.Failed());
    }

    [Fact]
    public void Constructor_FirstWaitAboveTheCap_IsCapped()
    {
        var backOff = new FailureBackOff(TimeSpan.FromMinutes(5));

        Assert.Equal(FailureBackOff.MaxDelay, backOff.Failed());
    }
}
