using System.Globalization;

namespace Billing.Testing;

/// <summary>
/// Catalog JSON for integration tests: monthly USD subscriptions anchored at
/// <see cref="Anchor"/>, one per customer, each with every meter and a seat price.
/// </summary>
public static class TestCatalogs
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Meters: compute_seconds (sum, 0.01 cent/unit … a cent per 100 s), api_calls (count), storage_gb (max), active_users (unique_count), temperature (last, negatives allowed), adjustments (sum, negatives allowed).</summary>
    public static string Standard(params string[] customers) => Build(customers.Length == 0 ? ["cus_A", "cus_B", "cus_C"] : customers, Anchor, 10_000);

    public static string Build(IReadOnlyList<string> customers, DateTimeOffset anchor, long thresholdAmountGte)
    {
        var anchorSeconds = anchor.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var customerJson = string.Join(",", customers.Select(c => $$"""{"id":"{{c}}","name":"Customer {{c}}"}"""));
        var subscriptions = string.Join(",", customers.Select(c => $$$"""
            {"id":"sub_{{{c}}}","customer":"{{{c}}}","billing_cycle_anchor":{{{anchorSeconds}}},
             "billing_thresholds":{"amount_gte":{{{thresholdAmountGte}}}},
             "items":[{"price":"price_compute"},{"price":"price_api"},{"price":"price_storage"},
                      {"price":"price_users"},{"price":"price_temperature"},{"price":"price_adjustments"},
                      {"price":"price_seats","quantity":3}]}
            """));
        return $$$"""
        {
          "meters": [
            {"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}},
            {"id":"api_calls","event_name":"api_call","default_aggregation":{"formula":"count"}},
            {"id":"storage_gb","event_name":"storage_gb","default_aggregation":{"formula":"max"}},
            {"id":"active_users","event_name":"active_user","default_aggregation":{"formula":"unique_count"},
             "value_settings":{"event_payload_key":"user_id"}},
            {"id":"temperature","event_name":"temperature","default_aggregation":{"formula":"last"},
             "value_settings":{"event_payload_key":"value","allow_negative":true}},
            {"id":"adjustments","event_name":"adjustment","default_aggregation":{"formula":"sum"},
             "customer_mapping":{"event_payload_key":"customer"},
             "value_settings":{"event_payload_key":"amount","allow_negative":true}}
          ],
          "prices": [
            {"id":"price_compute","currency":"usd","unit_amount_decimal":"0.01","recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}},
            {"id":"price_api","currency":"usd","billing_scheme":"tiered","tiers_mode":"graduated",
             "tiers":[{"up_to":1000,"unit_amount":0,"flat_amount":500},{"up_to":null,"unit_amount_decimal":"0.5"}],
             "recurring":{"interval":"month","usage_type":"metered","meter":"api_calls"}},
            {"id":"price_storage","currency":"usd","unit_amount":100,"transform_quantity":{"divide_by":10,"round":"up"},
             "recurring":{"interval":"month","usage_type":"metered","meter":"storage_gb"}},
            {"id":"price_users","currency":"usd","billing_scheme":"tiered","tiers_mode":"volume",
             "tiers":[{"up_to":10,"unit_amount":1000},{"up_to":null,"unit_amount":800}],
             "recurring":{"interval":"month","usage_type":"metered","meter":"active_users"}},
            {"id":"price_temperature","currency":"usd","unit_amount":1,"recurring":{"interval":"month","usage_type":"metered","meter":"temperature"}},
            {"id":"price_adjustments","currency":"usd","unit_amount":1,"recurring":{"interval":"month","usage_type":"metered","meter":"adjustments"}},
            {"id":"price_seats","currency":"usd","unit_amount":2500,"recurring":{"interval":"month","usage_type":"licensed"}}
          ],
          "customers": [{{{customerJson}}}],
          "subscriptions": [{{{subscriptions}}}]
        }
        """;
    }
}
