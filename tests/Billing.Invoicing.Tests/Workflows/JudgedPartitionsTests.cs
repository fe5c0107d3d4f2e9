using Billing.Domain.Invoicing;
using Billing.Invoicing.Workflows;

namespace Billing.Invoicing.Tests.Workflows;

public sealed class JudgedPartitionsTests
{
    [Fact]
    public void Covers_AfterAJudgmentOfAtLeastTheChecksEvents_OnlyThatPeriod()
    {
        var judged = new JudgedPartitions();
        Assert.False(judged.Covers(new ThresholdCheck("sub_A", 100, 5)));

        judged.Record("sub_A", 100, 5);

        Assert.True(judged.Covers(new ThresholdCheck("sub_A", 100, 5)));
        Assert.True(judged.Covers(new ThresholdCheck("sub_A", 100, 4)));
        Assert.False(judged.Covers(new ThresholdCheck("sub_A", 100, 6)));
        Assert.False(judged.Covers(new ThresholdCheck("sub_A", 200, 1)));
        Assert.False(judged.Covers(new ThresholdCheck("sub_B", 100, 1)));
        Assert.False(judged.Covers(new ThresholdCheck("sub_A", 100)));
    }

    [Fact]
    public void Record_AnEarlierStateAfterALaterOne_KeepsTheLater()
    {
        var judged = new JudgedPartitions();
        judged.Record("sub_A", 100, 9);
        judged.Record("sub_A", 100, 3);

        Assert.True(judged.Covers(new ThresholdCheck("sub_A", 100, 9)));
    }
}
