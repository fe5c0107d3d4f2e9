using Billing.Domain.Meters;

namespace Billing.Domain.Tests.Meters;

public sealed class FormulaRulesTests
{
    public static TheoryData<AggregationFormula> Formulas => new(Enum.GetValues<AggregationFormula>());

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Of_EveryFormula_HasItsOwnRules(AggregationFormula formula) =>
        Assert.Equal(formula, FormulaRules.Of(formula).Formula);

    [Fact]
    public void Of_UnknownFormula_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FormulaRules.Of((AggregationFormula)99));

    [Theory]
    [InlineData(AggregationFormula.Sum, false, true)]
    [InlineData(AggregationFormula.Sum, true, false)]
    [InlineData(AggregationFormula.Count, true, true)]
    [InlineData(AggregationFormula.Max, true, true)]
    [InlineData(AggregationFormula.UniqueCount, true, true)]
    [InlineData(AggregationFormula.Last, false, false)]
    public void IsMonotonic_ByFormulaAndNegatives_AsThresholdsNeed(AggregationFormula formula, bool allowNegative, bool expected) =>
        Assert.Equal(expected, FormulaRules.Of(formula).IsMonotonic(allowNegative));

    [Theory]
    [InlineData(AggregationFormula.Sum, "10.5")]
    [InlineData(AggregationFormula.Count, "4")]
    [InlineData(AggregationFormula.Last, "2")]
    [InlineData(AggregationFormula.Max, "7")]
    [InlineData(AggregationFormula.UniqueCount, "3")]
    public void Quantity_ReadsTheFormulasField(AggregationFormula formula, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            FormulaRules.Of(formula).Quantity(new AggregateFields(EventCount: 4, Sum: 10.5m, Max: 7m, LastValue: 2m, DistinctCount: 3)));
}
