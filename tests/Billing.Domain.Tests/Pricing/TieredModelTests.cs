using Billing.Domain.Monetary;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class TieredModelTests
{
    private static readonly Dictionary<string, Tier[]> Invalid = new()
    {
        ["no tiers"] = [],
        ["two open-ended tiers"] = [Usd(null, 1m), Usd(null, 1m)],
        ["open-ended not last"] = [Usd(null, 1m), Usd(10m, 1m)],
        ["no open-ended tier"] = [Usd(5m, 1m), Usd(10m, 1m)],
        ["unsorted up_to"] = [Usd(10m, 1m), Usd(5m, 1m), Usd(null, 1m)],
        ["duplicate up_to"] = [Usd(5m, 1m), Usd(5m, 1m), Usd(null, 1m)],
        ["zero up_to"] = [Usd(0m, 1m), Usd(null, 1m)],
        ["negative up_to"] = [Usd(-5m, 1m), Usd(null, 1m)],
        ["negative unit amount"] = [Usd(5m, 1m), Usd(null, -1m)],
        ["negative flat amount"] = [Usd(5m, 1m, -100m), Usd(null, 1m)],
        ["mixed currencies"] = [Usd(5m, 1m), Tier.Create(null, 1m, 0m, Currency.Eur)],
    };

    [Theory]
    [InlineData("no tiers")]
    [InlineData("two open-ended tiers")]
    [InlineData("open-ended not last")]
    [InlineData("no open-ended tier")]
    [InlineData("unsorted up_to")]
    [InlineData("duplicate up_to")]
    [InlineData("zero up_to")]
    [InlineData("negative up_to")]
    [InlineData("negative unit amount")]
    [InlineData("negative flat amount")]
    [InlineData("mixed currencies")]
    public void Constructor_BrokenTierConvention_ThrowsArgumentException(string scenario)
    {
        foreach (var mode in Enum.GetValues<TiersMode>())
        {
            Assert.Throws<ArgumentException>(() => new TieredModel(mode, Invalid[scenario]));
        }
    }

    [Fact]
    public void Constructor_SortedTiersWithOneOpenEndedLast_KeepsThemInOrder()
    {
        var model = Prices.Tiers(TiersMode.Graduated, "usd", (0.5m, 1m, 0m), (5m, 1m, 0m), (null, 0m, 0m));

        Assert.Equal([0.5m, 5m, null], model.Tiers.Select(t => t.UpTo));
    }

    [Fact]
    public void Constructor_CallerMutatesArrayAfterwards_ModelUnchanged()
    {
        Tier[] tiers = [Usd(5m, 1m), Usd(null, 1m)];
        var model = new TieredModel(TiersMode.Volume, tiers);

        tiers[0] = Usd(null, 99m);

        Assert.Equal(5m, model.Tiers[0].UpTo);
    }

    private static Tier Usd(decimal? upTo, decimal unitMinor, decimal flatMinor = 0m) =>
        Tier.Create(upTo, unitMinor, flatMinor, Currency.Usd);
}
