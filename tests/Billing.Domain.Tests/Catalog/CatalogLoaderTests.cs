using System.Text;
using Billing.Domain.Catalog;
using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Catalog;

public sealed class CatalogLoaderTests
{
    private static readonly DateTimeOffset January1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_FullCatalog_ReadsMetersWithEveryFormula()
    {
        var catalog = CatalogLoader.Parse(CatalogJson.Full);

        Assert.Equal(
            [AggregationFormula.Sum, AggregationFormula.Count, AggregationFormula.Last, AggregationFormula.Max, AggregationFormula.UniqueCount],
            catalog.Meters.Select(m => m.Formula));
        var cpu = catalog.Meters[0];
        Assert.Equal(("customer", "seconds", true), (cpu.CustomerPayloadKey, cpu.ValuePayloadKey, cpu.AllowNegative));
        var calls = catalog.Meters[1];
        Assert.Equal((Meter.DefaultCustomerPayloadKey, Meter.DefaultValuePayloadKey, false), (calls.CustomerPayloadKey, calls.ValuePayloadKey, calls.AllowNegative));
    }

    [Fact]
    public void Parse_PerUnitPrice_UnitAmountInMinorUnits()
    {
        var price = CatalogLoader.Parse(CatalogJson.Full).FindPrice("p_cpu")!;

        var model = Assert.IsType<PerUnitModel>(price.Model);
        Assert.Equal(new Money(0.12m, Currency.Usd), model.UnitAmount);
        Assert.Null(model.Transform);
        Assert.Equal((BillingInterval.Month, 1, UsageType.Metered, "m_cpu"), (price.Recurring.Interval, price.Recurring.IntervalCount, price.Recurring.UsageType, price.Recurring.MeterId));
    }

    [Fact]
    public void Parse_UnitAmountDecimal_KeepsSubCentPrecision()
    {
        var price = CatalogLoader.Parse(CatalogJson.Full).FindPrice("p_calls")!;

        Assert.Equal(new Money(0.000125m, Currency.Usd), Assert.IsType<PerUnitModel>(price.Model).UnitAmount);
        Assert.Equal(13, price.PriceOf(1000).AmountMinor); // 12.5 cents, rounded once, half away from zero
    }

    [Fact]
    public void Parse_TransformQuantity_PricesPerStartedPackage()
    {
        var price = CatalogLoader.Parse(CatalogJson.Full).FindPrice("p_storage")!;

        var model = Assert.IsType<PerUnitModel>(price.Model);
        Assert.Equal(new TransformQuantity(1000, RoundingDirection.Up), model.Transform);
        Assert.Equal(1000, price.PriceOf(1001).AmountMinor);
    }

    [Fact]
    public void Parse_GraduatedTiers_FlatFeeInFirstTierAndOpenEndedLast()
    {
        var price = CatalogLoader.Parse(CatalogJson.Full).FindPrice("p_users")!;

        var model = Assert.IsType<TieredModel>(price.Model);
        Assert.Equal(TiersMode.Graduated, model.Mode);
        Assert.Equal([100m, 1000m, null], model.Tiers.Select(t => t.UpTo));
        Assert.Equal(new Money(15m, Currency.Usd), model.Tiers[0].FlatAmount);
        Assert.Equal(new Money(0.075m, Currency.Usd), model.Tiers[2].UnitAmount);
        Assert.Equal(1500, price.PriceOf(0).AmountMinor);
        Assert.Equal(2000, price.PriceOf(150).AmountMinor);
    }

    [Fact]
    public void Parse_VolumeTiers_TierReachedPricesEveryUnit()
    {
        var price = CatalogLoader.Parse(CatalogJson.Full).FindPrice("p_gauge")!;

        var model = Assert.IsType<TieredModel>(price.Model);
        Assert.Equal(TiersMode.Volume, model.Mode);
        Assert.Equal(1000, price.PriceOf(10).AmountMinor);
        Assert.Equal(1080, price.PriceOf(11).AmountMinor); // 11 × 0.80 + 2.00 flat
    }

    [Fact]
    public void Parse_LicensedPrice_SeatsFromItemQuantity()
    {
        var catalog = CatalogLoader.Parse(CatalogJson.Full);

        var seats = catalog.FindSubscription("sub_A")!.Items.Single(i => i.Price.Id == "p_seats");
        Assert.Equal(UsageType.Licensed, seats.Price.Recurring.UsageType);
        Assert.Null(seats.Meter);
        Assert.Equal(3, seats.Quantity);
        Assert.Equal(7500, seats.Price.PriceOf(seats.Quantity).AmountMinor);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("{\"amount\": 5000}", 5000L)]
    [InlineData("{\"amount\": 0}", 0L)]
    [InlineData("null", null)]
    public void Parse_SpendCap_AmountInMinorUnitsOrNone(string? spendCap, long? expected)
    {
        var json = CatalogJson.MinimalWith(c =>
        {
            if (spendCap is not null)
            {
                c["subscriptions"]![0]!["spend_cap"] = System.Text.Json.Nodes.JsonNode.Parse(spendCap);
            }
        });

        var catalog = CatalogLoader.Parse(json);

        Assert.Equal(expected, catalog.Subscriptions[0].SpendCapAmount);
    }

    [Fact]
    public void Parse_DefaultThresholdGiven_AppliesToSubscriptionsWithoutTheirOwn()
    {
        var catalog = CatalogLoader.Parse(CatalogJson.Full, defaultThresholdAmountGte: 7_500);

        Assert.Equal(7_500, catalog.FindSubscription("sub_A")!.ThresholdAmountGte);
        Assert.Equal(2500, catalog.FindSubscription("sub_B")!.ThresholdAmountGte);
    }

    [Fact]
    public void Parse_Subscriptions_AnchorsAndThresholds()
    {
        var catalog = CatalogLoader.Parse(CatalogJson.Full);

        var a = catalog.FindSubscription("sub_A")!;
        var b = catalog.FindSubscription("sub_B")!;
        Assert.Equal(January1, a.BillingCycleAnchor);
        Assert.Equal(10_000, a.ThresholdAmountGte);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), b.BillingCycleAnchor);
        Assert.Equal(2500, b.ThresholdAmountGte);
        Assert.Equal(["p_users", "p_gauge", "p_cpu"], b.Items.Select(i => i.Price.Id));
        Assert.Equal("m_users", b.Items[0].Meter!.Id);
    }

    [Fact]
    public void Lookups_FullCatalog_FindByIdEventNameAndRoute()
    {
        var catalog = CatalogLoader.Parse(CatalogJson.Full);

        Assert.Equal("m_calls", catalog.MeterForEventName("api_calls")?.Id);
        Assert.Null(catalog.MeterForEventName("API_CALLS"));
        Assert.Equal("storage_gb", catalog.FindMeter("m_peak")?.EventName);
        Assert.Null(catalog.FindMeter("m_nope"));
        Assert.Equal(Currency.Usd, catalog.FindPrice("p_seats")?.Currency);
        Assert.Null(catalog.FindPrice("p_nope"));
        Assert.Equal("Birch", catalog.FindCustomer("cus_B")?.Name);
        Assert.Null(catalog.FindCustomer("cus_Z"));
        Assert.Equal("cus_A", catalog.FindSubscription("sub_A")?.CustomerId);
        Assert.Null(catalog.FindSubscription("sub_Z"));
        Assert.Equal("sub_A", catalog.SubscriptionFor("cus_A", "m_cpu")?.Id);
        Assert.Equal("sub_B", catalog.SubscriptionFor("cus_B", "m_cpu")?.Id);
        Assert.Null(catalog.SubscriptionFor("cus_A", "m_users"));
        Assert.Null(catalog.SubscriptionFor("cus_Z", "m_cpu"));
    }

    [Fact]
    public void Parse_EmptyObject_EmptyCatalog()
    {
        var catalog = CatalogLoader.Parse("{}");

        Assert.Empty(catalog.Meters);
        Assert.Empty(catalog.Prices);
        Assert.Empty(catalog.Customers);
        Assert.Empty(catalog.Subscriptions);
    }

    [Fact]
    public void Parse_ThreeDistinctProblems_ReportsAllThree()
    {
        var json = CatalogJson.MinimalWith(c =>
        {
            c["prices"]![0]!["currency"] = "xyz";
            c["subscriptions"]![0]!["items"]![1]!["quantity"] = -2;
            c["subscriptions"]![1]!["customer"] = "cus_Z";
        });

        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse(json));

        Assert.Equal(
            ["$.prices[0].currency", "$.subscriptions[0].items[1].quantity", "$.subscriptions[1].customer"],
            ex.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Message_SeveralProblems_OneLinePerProblemAsPathColonMessage()
    {
        var json = CatalogJson.MinimalWith(c =>
        {
            c["extra"] = 1;
            c["prices"]![0]!["unit_amount"] = -1;
        });

        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse(json));

        Assert.Equal(ex.Errors.Select(e => $"{e.Path}: {e.Message}"), ex.Message.Split('\n'));
        Assert.Equal(2, ex.Errors.Count);
        Assert.StartsWith("$.prices[0].unit_amount: cannot be negative", ex.Message.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsOneBasedLineAndByte()
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse("{\n  \"meters\": [}\n"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 2, byte 14: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StreamWithByteOrderMark_Loads()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CatalogJson.Full)).ToArray();

        var catalog = CatalogLoader.Parse(new MemoryStream(bytes));

        Assert.Equal(6, catalog.Prices.Count);
    }

    [Fact]
    public void Parse_StreamWithInvalidUtf8_CatalogExceptionAtRoot()
    {
        byte[] bytes = [.. "{\"customers\":[{\"id\":\""u8, 0xC3, 0x28, .. "\"}]}"u8];

        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse(new MemoryStream(bytes)));

        Assert.Equal("$", Assert.Single(ex.Errors).Path);
    }

    [Fact]
    public void Parse_EscapedLoneSurrogate_CatalogExceptionAtField()
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse("""{"customers":[{"id":"\ud800"}]}"""));

        Assert.Equal("$.customers[0].id", Assert.Single(ex.Errors).Path);
    }

    [Fact]
    public void Parse_OddFieldName_PathUsesBrackets()
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse("""{"meters":[{"event name":"x"}]}"""));

        Assert.Contains("$.meters[0]['event name']", ex.Errors.Select(e => e.Path));
    }
}
