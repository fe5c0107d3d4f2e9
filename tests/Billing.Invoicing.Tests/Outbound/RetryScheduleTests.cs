using Billing.Invoicing.Outbound;

namespace Billing.Invoicing.Tests.Outbound;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 360)]
    [InlineData(11, 360)]
    [InlineData(1000, 360)]
    [InlineData(int.MaxValue, 360)]
    public void Delay_Defaults_OneMinuteDoublingToSixHours(int failedInRound, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetrySchedule.Delay(failedInRound, new WebhookOptions()));

    [Fact]
    public void Delay_Defaults_AboutTwentyAttemptsInThreeDays()
    {
        var options = new WebhookOptions();
        var (at, attempts) = (TimeSpan.Zero, 1);
        while (at + RetrySchedule.Delay(attempts, options) <= options.RetryFor)
        {
            at += RetrySchedule.Delay(attempts, options);
            attempts++;
        }

        Assert.Equal(20, attempts);
        Assert.Equal(TimeSpan.FromMinutes(511) + TimeSpan.FromHours(60), at);
    }

    [Fact]
    public void Delay_NoAttemptFailedYet_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.Delay(0, new WebhookOptions()));
}
