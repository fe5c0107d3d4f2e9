using Billing.Domain.Periods;
using static Billing.Domain.Tests.Periods.Dates;

namespace Billing.Domain.Tests.Periods;

public sealed class BillingPeriodTests
{
    private static readonly BillingPeriod February = new(At(2024, 2, 1), At(2024, 3, 1));

    public static TheoryData<DateTimeOffset, bool> Instants => new()
    {
        { At(2024, 2, 1).AddTicks(-1), false },
        { At(2024, 2, 1), true },                  // start inclusive
        { At(2024, 2, 29, 23, 59), true },
        { At(2024, 3, 1).AddTicks(-1), true },
        { At(2024, 3, 1), false },                 // end exclusive
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Contains_Instant_IsHalfOpen(DateTimeOffset instant, bool expected) =>
        Assert.Equal(expected, February.Contains(instant));

    [Fact]
    public void Constructor_NonUtcStart_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() =>
            new BillingPeriod(new DateTimeOffset(2024, 2, 1, 1, 0, 0, TimeSpan.FromHours(1)), At(2024, 3, 1)));

    [Fact]
    public void Constructor_NonUtcEnd_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() =>
            new BillingPeriod(At(2024, 2, 1), new DateTimeOffset(2024, 2, 29, 19, 0, 0, TimeSpan.FromHours(-5))));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_EndNotAfterStart_ThrowsArgumentException(int days) =>
        Assert.Throws<ArgumentException>(() => new BillingPeriod(At(2024, 2, 1), At(2024, 2, 1).AddDays(days)));
}
