using Billing.Domain.SpendCaps;

namespace Billing.Domain.Tests.SpendCaps;

public sealed class SpendCapStateTests
{
    [Theory]
    [InlineData(0L, null, "ok")]
    [InlineData(1_000_000L, null, "ok")]
    [InlineData(799L, 1000L, "ok")]
    [InlineData(800L, 1000L, "warning")]
    [InlineData(999L, 1000L, "warning")]
    [InlineData(1000L, 1000L, "capped")]
    [InlineData(1001L, 1000L, "capped")]
    [InlineData(0L, 0L, "capped")]
    [InlineData(-5L, 0L, "ok")]
    [InlineData(7L, 9L, "ok")] // 80% of 9 is 7.2: 7 is below it, no rounding moves the boundary
    [InlineData(8L, 9L, "warning")]
    [InlineData(long.MaxValue, long.MaxValue, "capped")]
    public void Of_AmountAgainstCap_StateByTheBoundaries(long amount, long? cap, string expected)
    {
        Assert.Equal(expected, SpendCapState.Of(amount, cap));
    }
}
