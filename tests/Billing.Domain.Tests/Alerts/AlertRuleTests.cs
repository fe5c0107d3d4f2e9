using System.Globalization;
using Billing.Domain.Alerts;

namespace Billing.Domain.Tests.Alerts;

public sealed class AlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("5000", "5000.000", true)]
    [InlineData("0.5", "0.50", true)]
    [InlineData("5000", "5000.5", false)]
    public void ContentKey_SameNumberWrittenDifferently_SameKey(string left, string right, bool same)
    {
        var a = Rule(AlertKind.Usage, "compute_seconds", decimal.Parse(left, CultureInfo.InvariantCulture));
        var b = Rule(AlertKind.Usage, "compute_seconds", decimal.Parse(right, CultureInfo.InvariantCulture));

        Assert.Equal(same, a.ContentKey == b.ContentKey);
        Assert.Matches("^[0-9a-f]{32}$", a.ContentKey);
    }

    [Fact]
    public void ContentKey_OtherKindOrMeter_OtherKey()
    {
        var usage = Rule(AlertKind.Usage, "compute_seconds", 100m);

        Assert.NotEqual(usage.ContentKey, Rule(AlertKind.Usage, "api_calls", 100m).ContentKey);
        Assert.NotEqual(usage.ContentKey, Rule(AlertKind.Spend, null, 100m).ContentKey);
    }

    [Fact]
    public void TriggeredEventKey_NamesTheRuleAndThePeriod()
    {
        var rule = Rule(AlertKind.Spend, null, 100m);

        Assert.Equal("billing.alert.triggered:alr_0123456789abcdef01234567:1767225600", rule.TriggeredEventKey(1767225600));
        Assert.NotEqual(rule.TriggeredEventKey(1767225600), rule.TriggeredEventKey(1769904000));
    }

    [Theory]
    [InlineData("alr_0123456789abcdef01234567", true)]
    [InlineData("alr_0123456789ABCDEF01234567", false)]
    [InlineData("alr_0123456789abcdef0123456", false)]
    [InlineData("we_0123456789abcdef012345678", false)]
    [InlineData(null, false)]
    public void IsRuleId_Shape(string? id, bool expected) => Assert.Equal(expected, AlertRule.IsRuleId(id));

    private static AlertRule Rule(AlertKind kind, string? meter, decimal gte) => new("alr_0123456789abcdef01234567", "sub_A", "cus_A", kind, meter, gte, T0);
}
