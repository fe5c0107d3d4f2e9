using System.Globalization;
using Billing.Cli.Api;
using Billing.Cli.Demo;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Demo;

/// <summary>
/// The demo's last step against a scripted app: it waits for the threshold invoice's outcome (not
/// merely for it to be open) and reads the usage after it, so the billed amount it shows includes
/// the invoice.
/// </summary>
public sealed class ThresholdDemoTests
{
    private const string Invoices = "GET /api/invoices";
    private const string Usage = "GET /api/customers/cus_A/usage";
    private const string Post = "POST /api/meter_events";
    private const string MeterEventsJson = """{"accepted":1,"duplicates":0,"rejected":0,"results":[{"index":0,"identifier":"demo-threshold","status":"accepted"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_InvoiceOpenThenPaid_WaitsForPaidThenShowsTheUsageBilled()
    {
        var reads = 0;
        await using var app = await ScriptedServer.StartAsync(request => request switch
        {
            Invoices => Interlocked.Increment(ref reads) switch
            {
                1 => "[]",
                2 => $"[{InvoiceJson("open", attempts: 0, lastError: null)}]", // finalized, not charged yet: not in the ledger either
                _ => $"[{InvoiceJson("paid", attempts: 1, lastError: null)}]",
            },
            Post => MeterEventsJson,
            Usage => UsageJson(billed: 10_000),
            _ => null,
        });

        var output = await RunAsync(app);

        Assert.Contains("  charged and paid automatically after ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", output, StringComparison.Ordinal);
        Assert.Contains("billed USD 100.00: USD 0.00 before, plus this invoice's USD 100.00", output, StringComparison.Ordinal);
        Assert.Equal([Invoices, Post, Invoices, Invoices, Usage], app.Requests);
    }

    [Fact]
    public async Task RunAsync_PaymentDeclined_SaysWhatIsPending()
    {
        var reads = 0;
        await using var app = await ScriptedServer.StartAsync(request => request switch
        {
            Invoices => Interlocked.Increment(ref reads) == 1 ? "[]" : $"[{InvoiceJson("open", attempts: 1, lastError: "declined: Your card was declined.")}]",
            Post => MeterEventsJson,
            Usage => UsageJson(billed: 10_000),
            _ => null,
        });

        var output = await RunAsync(app);

        Assert.Contains("issued and finalized after ", output, StringComparison.Ordinal);
        Assert.Contains("; payment pending: declined: Your card was declined.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("paid automatically", output, StringComparison.Ordinal);
        Assert.Contains("billed USD 100.00: USD 0.00 before, plus this invoice's USD 100.00", output, StringComparison.Ordinal);
        Assert.Equal([Invoices, Post, Invoices, Usage], app.Requests);
    }

    private static async Task<string> RunAsync(ScriptedServer app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = CliRun.Environment(output, error, new Dictionary<string, string>(), null, new FixedNowTimeProvider(CliRun.Now));
        using var api = new ApiClient(new CliSettings(app.Url, "key", CliSettings.DefaultConnection));
        var before = System.Text.Json.JsonSerializer.Deserialize(UsageJson(billed: 0), ApiJson.Default.CustomerUsage)!;

        await new ThresholdDemo(api, environment).RunAsync(before, Ct);

        return output.ToString();
    }

    private static string InvoiceJson(string status, int attempts, string? lastError) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        {"id":"sub_A.1767225600.threshold1","customer":"cus_A","subscription":"sub_A","billing_reason":"subscription_threshold",
         "period_start":1767225600,"period_end":1769904000,"currency":"usd",
         "lines":[{"price":"price_compute","meter":"compute_seconds","quantity":200000,"amount":10000,"period_start":1767225600,"period_end":1769904000}],
         "total":10000,"status":"{{status}}","stripe_invoice_id":"in_1",
         "payment":{"attempts":{{attempts}},"last_error":{{(lastError is null ? "null" : $"\"{lastError}\"")}},"last_attempt_at":null},"created":1768867200}
        """);

    /// <summary>cus_A's usage with <paramref name="billed"/> of USD 100.00 billed; the threshold is USD 50.00.</summary>
    private static string UsageJson(long billed) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        {"customer":"cus_A","as_of":1768867200,"subscriptions":[{
          "subscription":"sub_A","currency":"usd","period_start":1767225600,"period_end":1769904000,
          "meters":[{"meter":"compute_seconds","price":"price_compute","events":2,"quantity":200000,"amount":10000,"billed":{{billed}},"unbilled":{{10_000 - billed}},"threshold_eligible":true}],
          "amount":10000,"billed":{{billed}},"unbilled":{{10_000 - billed}},
          "threshold":{"amount_gte":5000,"unbilled_eligible":{{10_000 - billed}},"progress":{{(10_000 - billed) / 5000m}}},"late_events":0}]}
        """);
}
