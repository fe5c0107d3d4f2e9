using System.Text;

namespace Billing.Benchmarks;

/// <summary>The benchmark's catalog: three meters (sum, count, max) and one monthly subscription per customer.</summary>
internal static class BenchCatalog
{
    /// <param name="spendCaps">The first this many subscriptions get <c>spend_cap.amount</c>: 1 ¢ (reached at once) for even ones, 1,000,000,000 ¢ (never reached) for odd ones.</param>
    public static string Json(int customers, DateTimeOffset anchor, int spendCaps = 0)
    {
        var json = new StringBuilder();
        json.Append("""
            {"meters":[
              {"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}},
              {"id":"api_calls","event_name":"api_call","default_aggregation":{"formula":"count"}},
              {"id":"storage_gb","event_name":"storage_gb","default_aggregation":{"formula":"max"}}],
             "prices":[
              {"id":"price_compute","currency":"usd","unit_amount_decimal":"0.01","recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}},
              {"id":"price_api","currency":"usd","unit_amount_decimal":"0.1","recurring":{"interval":"month","usage_type":"metered","meter":"api_calls"}},
              {"id":"price_storage","currency":"usd","unit_amount":10,"recurring":{"interval":"month","usage_type":"metered","meter":"storage_gb"}}],
             "customers":[
            """);
        for (var c = 0; c < customers; c++)
        {
            json.Append(c == 0 ? string.Empty : ",").Append($$"""{"id":"{{Workload.Customer(c)}}"}""");
        }

        json.Append("],\"subscriptions\":[");
        for (var c = 0; c < customers; c++)
        {
            json.Append(c == 0 ? string.Empty : ",").Append($$"""
                {"id":"sub_{{c:D5}}","customer":"{{Workload.Customer(c)}}","billing_cycle_anchor":{{anchor.ToUnixTimeSeconds()}},{{(c < spendCaps ? $"\"spend_cap\":{{\"amount\":{(c % 2 == 0 ? 1 : 1_000_000_000)}}}," : string.Empty)}}
                 "items":[{"price":"price_compute"},{"price":"price_api"},{"price":"price_storage"}]}
                """);
        }

        return json.Append("]}").ToString();
    }
}
