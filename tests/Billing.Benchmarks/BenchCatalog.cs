using System.Text;

namespace Billing.Benchmarks;

/// <summary>
/// The benchmark's catalog: three meters (sum, count, max) and one monthly subscription per customer.
/// The threshold is out of reach: every subscription passes the default USD 100 early in the
/// workload, and with no InvoiceRun function here to bill it, every later check would queue another
/// threshold run, turning the ingestion benchmark into a half of the invoicing one (README
/// "Invoicing benchmark"). Each check still reads and judges the threshold.
/// </summary>
internal static class BenchCatalog
{
    private const long OutOfReach = 1_000_000_000_000;

    public static string Json(int customers, DateTimeOffset anchor)
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
                {"id":"sub_{{c:D5}}","customer":"{{Workload.Customer(c)}}","billing_cycle_anchor":{{anchor.ToUnixTimeSeconds()}},"billing_thresholds":{"amount_gte":{{OutOfReach}}},
                 "items":[{"price":"price_compute"},{"price":"price_api"},{"price":"price_storage"}]}
                """);
        }

        return json.Append("]}").ToString();
    }
}
