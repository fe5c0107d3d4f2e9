using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class PackagePricingTests
{
    private const decimal PerPackageMinor = 500m; // 5 USD per 1,000 units

    public static TheoryData<RoundingDirection, decimal, decimal> Packages => new()
    {
        // round, raw quantity, packages billed
        { RoundingDirection.Up, 0m, 0m },
        { RoundingDirection.Up, 1m, 1m },
        { RoundingDirection.Up, 999m, 1m },
        { RoundingDirection.Up, 1_000m, 1m },
        { RoundingDirection.Up, 1_001m, 2m },
        { RoundingDirection.Up, 1_000.5m, 2m },
        { RoundingDirection.Up, 1_000_000_000_000m, 1_000_000_000m },
        { RoundingDirection.Up, 1_000_000_000_001m, 1_000_000_001m },
        { RoundingDirection.Down, 0m, 0m },
        { RoundingDirection.Down, 1m, 0m },
        { RoundingDirection.Down, 999m, 0m },
        { RoundingDirection.Down, 1_000m, 1m },
        { RoundingDirection.Down, 1_001m, 1m },
        { RoundingDirection.Down, 1_999.999m, 1m },
        { RoundingDirection.Down, 1_000_000_000_000m, 1_000_000_000m },
        { RoundingDirection.Down, 1_000_000_000_999m, 1_000_000_000m },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void PriceOf_DivideBy1000_BillsWholePackages(RoundingDirection round, decimal quantity, decimal expectedPackages)
    {
        var breakdown = Prices.Package(PerPackageMinor, 1_000, round).PriceOf(quantity);

        Assert.Equal(quantity, breakdown.Quantity);
        Assert.Equal(expectedPackages, breakdown.BilledQuantity);
        Assert.Equal(expectedPackages, Assert.Single(breakdown.Charges).Quantity);
        Assert.Equal((long)(expectedPackages * PerPackageMinor), breakdown.AmountMinor);
    }

    [Fact]
    public void PriceOf_SubCentPackagePrice_RoundsTheLineOnce()
    {
        // 0.5 cent per package of 10; 30 packages = 15 cents, 31 = 15.5 -> 16.
        var price = Prices.Package(0.5m, 10, RoundingDirection.Up);

        Assert.Equal(15, price.PriceOf(300m).AmountMinor);
        Assert.Equal(16, price.PriceOf(301m).AmountMinor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void Constructor_NonPositiveDivideBy_Throws(long divideBy) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformQuantity(divideBy, RoundingDirection.Up));

    [Fact]
    public void IsMonotonic_Package_True() =>
        Assert.True(Prices.Package(500m, 1_000, RoundingDirection.Up).Model.IsMonotonic);
}
