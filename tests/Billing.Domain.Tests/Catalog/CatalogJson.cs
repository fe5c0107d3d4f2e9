using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Catalog;

/// <summary>Catalog documents for the loader tests.</summary>
internal static class CatalogJson
{
    /// <summary>2026-01-01T00:00:00Z in Unix seconds.</summary>
    public const long January2026 = 1_767_225_600;

    /// <summary>
    /// One of everything: each aggregation formula, per-unit, sub-cent, package, graduated,
    /// volume and licensed prices, subscriptions with a default and an explicit threshold, anchors
    /// as Unix seconds and as RFC 3339.
    /// </summary>
    public const string Full = """
        {
          "meters": [
            { "id": "m_cpu", "event_name": "cpu_seconds", "default_aggregation": { "formula": "sum" },
              "customer_mapping": { "event_payload_key": "customer", "type": "by_id" },
              "value_settings": { "event_payload_key": "seconds", "allow_negative": true } },
            { "id": "m_calls", "event_name": "api_calls", "default_aggregation": { "formula": "count" } },
            { "id": "m_gauge", "event_name": "queue_depth", "default_aggregation": { "formula": "last" } },
            { "id": "m_peak", "event_name": "storage_gb", "default_aggregation": { "formula": "max" } },
            { "id": "m_users", "event_name": "active_users", "default_aggregation": { "formula": "unique_count" },
              "display_name": "Active users", "status": "active", "object": "billing.meter" }
          ],
          "prices": [
            { "id": "p_cpu", "currency": "usd", "unit_amount": 12,
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_cpu" } },
            { "id": "p_calls", "currency": "usd", "billing_scheme": "per_unit", "unit_amount_decimal": "0.0125",
              "recurring": { "interval": "month", "interval_count": 1, "usage_type": "metered", "meter": "m_calls" } },
            { "id": "p_storage", "currency": "usd", "unit_amount": 500, "transform_quantity": { "divide_by": 1000, "round": "up" },
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_peak" } },
            { "id": "p_users", "currency": "usd", "billing_scheme": "tiered", "tiers_mode": "graduated",
              "tiers": [
                { "up_to": 100, "unit_amount": 0, "flat_amount": 1500 },
                { "up_to": 1000, "unit_amount": 10 },
                { "up_to": "inf", "unit_amount_decimal": "7.5" }
              ],
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_users" } },
            { "id": "p_gauge", "currency": "usd", "billing_scheme": "tiered", "tiers_mode": "volume",
              "tiers": [
                { "up_to": 10, "unit_amount": 100 },
                { "up_to": null, "unit_amount": 80, "flat_amount_decimal": "200" }
              ],
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_gauge" } },
            { "id": "p_seats", "currency": "usd", "unit_amount": 2500, "nickname": "Seats", "product": "prod_seats",
              "object": "price", "active": true, "recurring": { "interval": "month", "usage_type": "licensed" } }
          ],
          "customers": [
            { "id": "cus_A", "name": "Acme", "email": "billing@acme.example" },
            { "id": "cus_B", "name": "Birch" }
          ],
          "subscriptions": [
            { "id": "sub_A", "customer": "cus_A", "billing_cycle_anchor": 1767225600,
              "items": [ { "price": "p_cpu" }, { "price": "p_calls" }, { "price": "p_storage" }, { "price": "p_seats", "quantity": 3 } ] },
            { "id": "sub_B", "customer": "cus_B", "billing_cycle_anchor": "2026-01-15T00:00:00Z",
              "billing_thresholds": { "amount_gte": 2500 },
              "items": [ { "price": "p_users" }, { "price": "p_gauge" }, { "price": "p_cpu" } ] }
          ]
        }
        """;

    /// <summary>A small valid catalog that the invalid-catalog cases each break in one place.</summary>
    private const string Minimal = """
        {
          "meters": [
            { "id": "m_api", "event_name": "api_calls", "default_aggregation": { "formula": "count" } },
            { "id": "m_cpu", "event_name": "cpu_seconds", "default_aggregation": { "formula": "sum" } }
          ],
          "prices": [
            { "id": "p_api", "currency": "usd", "unit_amount": 2,
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_api" } },
            { "id": "p_cpu", "currency": "usd", "billing_scheme": "tiered", "tiers_mode": "graduated",
              "tiers": [ { "up_to": 100, "unit_amount": 0, "flat_amount": 500 }, { "up_to": null, "unit_amount": 3 } ],
              "recurring": { "interval": "month", "usage_type": "metered", "meter": "m_cpu" } },
            { "id": "p_seats", "currency": "usd", "unit_amount": 2500, "recurring": { "interval": "month" } }
          ],
          "customers": [ { "id": "cus_A" }, { "id": "cus_B" } ],
          "subscriptions": [
            { "id": "sub_A", "customer": "cus_A", "billing_cycle_anchor": 1767225600,
              "items": [ { "price": "p_api" }, { "price": "p_seats", "quantity": 2 } ] },
            { "id": "sub_B", "customer": "cus_B", "billing_cycle_anchor": "2026-01-01T00:00:00Z",
              "items": [ { "price": "p_cpu" } ] }
          ]
        }
        """;

    /// <summary>A fresh, mutable copy of the minimal valid catalog.</summary>
    public static JsonObject MinimalNode() => JsonNode.Parse(Minimal)!.AsObject();

    /// <summary>The minimal catalog after <paramref name="change"/>.</summary>
    public static string MinimalWith(Action<JsonObject> change)
    {
        var catalog = MinimalNode();
        change(catalog);
        return catalog.ToJsonString();
    }

    /// <summary>The repository's samples/catalog.json, found by walking up from the test binaries.</summary>
    public static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "catalog.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/catalog.json not found above " + AppContext.BaseDirectory);
    }
}
