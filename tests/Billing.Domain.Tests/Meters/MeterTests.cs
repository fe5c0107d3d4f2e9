using Billing.Domain.Meters;

namespace Billing.Domain.Tests.Meters;

public sealed class MeterTests
{
    [Theory]
    [InlineData(AggregationFormula.Sum, false, true)]
    [InlineData(AggregationFormula.Sum, true, false)]          // negatives can shrink a sum
    [InlineData(AggregationFormula.Count, false, true)]
    [InlineData(AggregationFormula.Count, true, true)]
    [InlineData(AggregationFormula.Max, false, true)]
    [InlineData(AggregationFormula.Max, true, true)]           // a max never falls, whatever the sign
    [InlineData(AggregationFormula.UniqueCount, false, true)]
    [InlineData(AggregationFormula.UniqueCount, true, true)]
    [InlineData(AggregationFormula.Last, false, false)]
    [InlineData(AggregationFormula.Last, true, false)]
    public void IsMonotonic_FormulaAndNegatives_OnlyForAggregatesThatCanOnlyGrow(AggregationFormula formula, bool allowNegative, bool expected) =>
        Assert.Equal(expected, new Meter("mtr_1", "compute_seconds", formula, allowNegative: allowNegative).IsMonotonic);

    [Fact]
    public void Constructor_Defaults_UseStripePayloadKeys()
    {
        var meter = new Meter("mtr_1", "compute_seconds", AggregationFormula.Sum);

        Assert.Equal("stripe_customer_id", meter.CustomerPayloadKey);
        Assert.Equal("value", meter.ValuePayloadKey);
        Assert.False(meter.AllowNegative);
    }

    [Theory]
    [InlineData("", "compute_seconds", "stripe_customer_id", "value")]
    [InlineData("mtr_1", " ", "stripe_customer_id", "value")]
    [InlineData("mtr_1", "compute_seconds", "", "value")]
    [InlineData("mtr_1", "compute_seconds", "stripe_customer_id", "")]
    public void Constructor_BlankName_ThrowsArgumentException(string id, string eventName, string customerKey, string valueKey) =>
        Assert.Throws<ArgumentException>(() => new Meter(id, eventName, AggregationFormula.Sum, customerKey, valueKey));
}
