using System.Text.Json.Nodes;
using Billing.Domain.Catalog;

namespace Billing.Domain.Tests.Catalog;

/// <summary>
/// Each case breaks the minimal valid catalog in exactly one place; the loader must report that
/// place, and nothing else (a second error would be a cascade that hides the real problem).
/// </summary>
public sealed class CatalogLoaderInvalidTests
{
    [Theory]
    [InlineData("unknown top-level field", "$.plans")]
    [InlineData("unknown nested field", "$.prices[1].tiers[0].discount")]
    [InlineData("unknown field in recurring", "$.prices[0].recurring.trial_period_days")]
    [InlineData("two open-ended tiers", "$.prices[1].tiers[2].up_to")]
    [InlineData("open-ended tier not last", "$.prices[1].tiers[0].up_to")]
    [InlineData("no open-ended tier", "$.prices[1].tiers[1].up_to")]
    [InlineData("unsorted up_to", "$.prices[1].tiers[1].up_to")]
    [InlineData("duplicate up_to", "$.prices[1].tiers[1].up_to")]
    [InlineData("zero up_to", "$.prices[1].tiers[0].up_to")]
    [InlineData("tier without amounts", "$.prices[1].tiers[1]")]
    [InlineData("tiered price without tiers", "$.prices[1].tiers")]
    [InlineData("tiered price without tiers_mode", "$.prices[1].tiers_mode")]
    [InlineData("tiers on a per_unit price", "$.prices[0].tiers")]
    [InlineData("unit_amount on a tiered price", "$.prices[1].unit_amount")]
    [InlineData("transform_quantity with tiers", "$.prices[1].transform_quantity")]
    [InlineData("transform_quantity dividing by zero", "$.prices[0].transform_quantity.divide_by")]
    [InlineData("price naming unknown meter", "$.prices[0].recurring.meter")]
    [InlineData("metered price without meter", "$.prices[0].recurring.meter")]
    [InlineData("licensed price naming a meter", "$.prices[2].recurring.meter")]
    [InlineData("price without recurring", "$.prices[2].recurring")]
    [InlineData("zero interval_count", "$.prices[2].recurring.interval_count")]
    [InlineData("negative unit_amount", "$.prices[0].unit_amount")]
    [InlineData("negative unit_amount_decimal", "$.prices[0].unit_amount_decimal")]
    [InlineData("negative flat_amount", "$.prices[1].tiers[0].flat_amount")]
    [InlineData("unit_amount_decimal with 13 places", "$.prices[0].unit_amount_decimal")]
    [InlineData("unit_amount_decimal with an exponent", "$.prices[0].unit_amount_decimal")]
    [InlineData("fractional unit_amount", "$.prices[0].unit_amount")]
    [InlineData("unit_amount as a string", "$.prices[0].unit_amount")]
    [InlineData("both unit_amount and unit_amount_decimal", "$.prices[0].unit_amount_decimal")]
    [InlineData("per_unit price without amount", "$.prices[0].unit_amount")]
    [InlineData("unknown currency", "$.prices[0].currency")]
    [InlineData("upper-case currency", "$.prices[0].currency")]
    [InlineData("unknown formula", "$.meters[0].default_aggregation.formula")]
    [InlineData("duplicate meter id", "$.meters[2].id")]
    [InlineData("duplicate event_name", "$.meters[2].event_name")]
    [InlineData("duplicate price id", "$.prices[3].id")]
    [InlineData("duplicate customer id", "$.customers[2].id")]
    [InlineData("duplicate subscription id", "$.subscriptions[1].id")]
    [InlineData("blank customer id", "$.customers[2].id")]
    [InlineData("subscription mixing currencies", "$.subscriptions[0].items[2].price")]
    [InlineData("items with different intervals", "$.subscriptions[0].items[2].price")]
    [InlineData("same price twice", "$.subscriptions[0].items[2].price")]
    [InlineData("subscription without items", "$.subscriptions[0].items")]
    [InlineData("anchor with non-UTC offset", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("anchor with -00:00 offset", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("anchor that is not a timestamp", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("anchor on a fraction of a second", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("negative unix anchor", "$.subscriptions[0].billing_cycle_anchor")]
    [InlineData("RFC 3339 anchor before 1970", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("RFC 3339 anchor on a day that does not exist", "$.subscriptions[1].billing_cycle_anchor")]
    [InlineData("missing anchor", "$.subscriptions[0].billing_cycle_anchor")]
    [InlineData("unknown customer", "$.subscriptions[0].customer")]
    [InlineData("unknown price", "$.subscriptions[0].items[0].price")]
    [InlineData("quantity on a metered item", "$.subscriptions[0].items[0].quantity")]
    [InlineData("negative seat quantity", "$.subscriptions[0].items[1].quantity")]
    [InlineData("zero amount_gte", "$.subscriptions[0].billing_thresholds.amount_gte")]
    [InlineData("negative spend_cap amount", "$.subscriptions[0].spend_cap.amount")]
    [InlineData("fractional spend_cap amount", "$.subscriptions[0].spend_cap.amount")]
    [InlineData("spend_cap amount as a string", "$.subscriptions[0].spend_cap.amount")]
    [InlineData("spend_cap without amount", "$.subscriptions[0].spend_cap.amount")]
    [InlineData("unknown field in spend_cap", "$.subscriptions[0].spend_cap.currency")]
    [InlineData("two subscriptions of one customer on one meter", "$.subscriptions[2].items[0].price")]
    [InlineData("meters not an array", "$.meters")]
    [InlineData("price not an object", "$.prices[3]")]
    [InlineData("field given twice", "$.customers[0].id")]
    [InlineData("root not an object", "$")]
    [InlineData("malformed JSON", "$")]
    public void Parse_InvalidCatalog_ReportsThePath(string problem, string expectedPath)
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogLoader.Parse(InvalidCatalog(problem)));

        // Exactly the one path: it must appear, and nothing may cascade from it.
        Assert.Equal([expectedPath], ex.Errors.Select(e => e.Path));
    }

    private static string InvalidCatalog(string problem) => problem switch
    {
        "field given twice" => """{"customers":[{"id":"cus_A","id":"cus_B"}]}""",
        "root not an object" => "[]",
        "malformed JSON" => """{"meters": [ { "id": "m" ] }""",
        _ => CatalogJson.MinimalWith(Break(problem)),
    };

    private static Action<JsonObject> Break(string problem) => problem switch
    {
        "unknown top-level field" => c => c["plans"] = new JsonArray(),
        "unknown nested field" => c => Tier(c, 0)["discount"] = 1,
        "unknown field in recurring" => c => c["prices"]![0]!["recurring"]!["trial_period_days"] = 14,
        "two open-ended tiers" => c => Tiers(c, Bounded(100), Open(), Open("inf")),
        "open-ended tier not last" => c => Tiers(c, Open(), Bounded(100)),
        "no open-ended tier" => c => Tiers(c, Bounded(100), Bounded(200)),
        "unsorted up_to" => c => Tiers(c, Bounded(200), Bounded(100), Open()),
        "duplicate up_to" => c => Tiers(c, Bounded(100), Bounded(100), Open()),
        "zero up_to" => c => Tiers(c, Bounded(0), Open()),
        "tier without amounts" => c => Tiers(c, Bounded(100), new JsonObject { ["up_to"] = null }),
        "tiered price without tiers" => c => Price(c, 1).Remove("tiers"),
        "tiered price without tiers_mode" => c => Price(c, 1).Remove("tiers_mode"),
        "tiers on a per_unit price" => c => Price(c, 0)["tiers"] = new JsonArray(Open()),
        "unit_amount on a tiered price" => c => Price(c, 1)["unit_amount"] = 5,
        "transform_quantity with tiers" => c => Price(c, 1)["transform_quantity"] = Transform(10),
        "transform_quantity dividing by zero" => c => Price(c, 0)["transform_quantity"] = Transform(0),
        "price naming unknown meter" => c => Recurring(c, 0)["meter"] = "m_nope",
        "metered price without meter" => c => Recurring(c, 0).Remove("meter"),
        "licensed price naming a meter" => c => Recurring(c, 2)["meter"] = "m_api",
        "price without recurring" => c => Price(c, 2).Remove("recurring"),
        "zero interval_count" => c => Recurring(c, 2)["interval_count"] = 0,
        "negative unit_amount" => c => Price(c, 0)["unit_amount"] = -1,
        "negative unit_amount_decimal" => c => UnitAmountDecimal(c, "-0.5"),
        "negative flat_amount" => c => Tier(c, 0)["flat_amount"] = -500,
        "unit_amount_decimal with 13 places" => c => UnitAmountDecimal(c, "0.0000000000001"),
        "unit_amount_decimal with an exponent" => c => UnitAmountDecimal(c, "1e-3"),
        "fractional unit_amount" => c => Price(c, 0)["unit_amount"] = 1.5m,
        "unit_amount as a string" => c => Price(c, 0)["unit_amount"] = "2",
        "both unit_amount and unit_amount_decimal" => c => Price(c, 0)["unit_amount_decimal"] = "2",
        "per_unit price without amount" => c => Price(c, 0).Remove("unit_amount"),
        "unknown currency" => c => Price(c, 0)["currency"] = "xyz",
        "upper-case currency" => c => Price(c, 0)["currency"] = "USD",
        "unknown formula" => c => c["meters"]![0]!["default_aggregation"]!["formula"] = "avg",
        "duplicate meter id" => c => c["meters"]!.AsArray().Add(Meter("m_api", "other_event")),
        "duplicate event_name" => c => c["meters"]!.AsArray().Add(Meter("m_other", "api_calls")),
        "duplicate price id" => c => c["prices"]!.AsArray().Add(Price(c, 2).DeepClone()),
        "duplicate customer id" => c => c["customers"]!.AsArray().Add(new JsonObject { ["id"] = "cus_A" }),
        "duplicate subscription id" => c => Subscription(c, 1)["id"] = "sub_A",
        "blank customer id" => c => c["customers"]!.AsArray().Add(new JsonObject { ["id"] = " " }),
        "subscription mixing currencies" => c => AddSeatPrice(c, "eur", "month"),
        "items with different intervals" => c => AddSeatPrice(c, "usd", "year"),
        "same price twice" => c => Items(c, 0).Add(new JsonObject { ["price"] = "p_api" }),
        "subscription without items" => c => Subscription(c, 0)["items"] = new JsonArray(),
        "anchor with non-UTC offset" => c => Subscription(c, 1)["billing_cycle_anchor"] = "2026-01-01T00:00:00+01:00",
        "anchor with -00:00 offset" => c => Subscription(c, 1)["billing_cycle_anchor"] = "2026-01-01T00:00:00-00:00",
        "anchor that is not a timestamp" => c => Subscription(c, 1)["billing_cycle_anchor"] = "2026-01-01",
        "anchor on a fraction of a second" => c => Subscription(c, 1)["billing_cycle_anchor"] = "2026-01-01T00:00:00.5Z",
        "RFC 3339 anchor before 1970" => c => Subscription(c, 1)["billing_cycle_anchor"] = "1969-12-31T23:59:59Z",
        "RFC 3339 anchor on a day that does not exist" => c => Subscription(c, 1)["billing_cycle_anchor"] = "2026-02-30T00:00:00Z",
        "negative unix anchor" => c => Subscription(c, 0)["billing_cycle_anchor"] = -1,
        "missing anchor" => c => Subscription(c, 0).Remove("billing_cycle_anchor"),
        "unknown customer" => c => Subscription(c, 0)["customer"] = "cus_Z",
        "unknown price" => c => Items(c, 0)[0]!["price"] = "p_nope",
        "quantity on a metered item" => c => Items(c, 0)[0]!["quantity"] = 1,
        "negative seat quantity" => c => Items(c, 0)[1]!["quantity"] = -1,
        "zero amount_gte" => c => Subscription(c, 0)["billing_thresholds"] = new JsonObject { ["amount_gte"] = 0 },
        "negative spend_cap amount" => c => Subscription(c, 0)["spend_cap"] = new JsonObject { ["amount"] = -1 },
        "fractional spend_cap amount" => c => Subscription(c, 0)["spend_cap"] = new JsonObject { ["amount"] = 10.5m },
        "spend_cap amount as a string" => c => Subscription(c, 0)["spend_cap"] = new JsonObject { ["amount"] = "5000" },
        "spend_cap without amount" => c => Subscription(c, 0)["spend_cap"] = new JsonObject(),
        "unknown field in spend_cap" => c => Subscription(c, 0)["spend_cap"] = new JsonObject { ["amount"] = 1, ["currency"] = "usd" },
        "two subscriptions of one customer on one meter" => c => c["subscriptions"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "sub_A2",
            ["customer"] = "cus_A",
            ["billing_cycle_anchor"] = CatalogJson.January2026,
            ["items"] = new JsonArray(new JsonObject { ["price"] = "p_api" }),
        }),
        "meters not an array" => c => c["meters"] = new JsonObject(),
        "price not an object" => c => c["prices"]!.AsArray().Add("p_extra"),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "No such case."),
    };

    private static JsonObject Price(JsonObject catalog, int index) => catalog["prices"]![index]!.AsObject();

    private static JsonObject Recurring(JsonObject catalog, int index) => Price(catalog, index)["recurring"]!.AsObject();

    private static JsonObject Tier(JsonObject catalog, int index) => Price(catalog, 1)["tiers"]![index]!.AsObject();

    private static JsonObject Subscription(JsonObject catalog, int index) => catalog["subscriptions"]![index]!.AsObject();

    private static JsonArray Items(JsonObject catalog, int index) => Subscription(catalog, index)["items"]!.AsArray();

    private static void Tiers(JsonObject catalog, params JsonObject[] tiers) => Price(catalog, 1)["tiers"] = new JsonArray(tiers);

    private static JsonObject Bounded(decimal upTo) => new() { ["up_to"] = upTo, ["unit_amount"] = 3 };

    private static JsonObject Open(string? upTo = null) => new() { ["up_to"] = upTo, ["unit_amount"] = 1 };

    private static JsonObject Transform(long divideBy) => new() { ["divide_by"] = divideBy, ["round"] = "up" };

    private static JsonObject Meter(string id, string eventName) => new()
    {
        ["id"] = id,
        ["event_name"] = eventName,
        ["default_aggregation"] = new JsonObject { ["formula"] = "sum" },
    };

    private static void UnitAmountDecimal(JsonObject catalog, string amount)
    {
        Price(catalog, 0).Remove("unit_amount");
        Price(catalog, 0)["unit_amount_decimal"] = amount;
    }

    // A licensed price that is valid on its own, added to sub_A as its third item.
    private static void AddSeatPrice(JsonObject catalog, string currency, string interval)
    {
        catalog["prices"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "p_extra",
            ["currency"] = currency,
            ["unit_amount"] = 100,
            ["recurring"] = new JsonObject { ["interval"] = interval },
        });
        Items(catalog, 0).Add(new JsonObject { ["price"] = "p_extra" });
    }
}
