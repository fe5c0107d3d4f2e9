using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary><c>billing preview &lt;subscription&gt;</c>: what it asks GET /api/invoices/upcoming and how it shows the lines.</summary>
public sealed class PreviewCommandTests
{
    private const string Preview = """
        {"id": "sub_A.1767225600.cycle", "customer": "cus_A", "subscription": "sub_A",
         "billing_reason": "subscription_cycle", "period_start": 1767225600, "period_end": 1769904000,
         "currency": "usd",
         "lines": [{"price": "price_compute", "meter": "compute_seconds", "quantity": 23457, "amount": 235,
                    "period_start": 1767225600, "period_end": 1769904000},
                   {"price": "price_seats", "meter": null, "quantity": 3, "amount": 7500,
                    "period_start": 1769904000, "period_end": 1772323200}],
         "total": 7735, "status": "preview", "stripe_invoice_id": null,
         "payment": {"attempts": 0, "last_error": null, "last_attempt_at": null}, "created": 1768867200}
        """;

    [Fact]
    public async Task Preview_Subscription_PrintsEachLineAndTheTotal()
    {
        await using var server = await CannedServer.StartAsync(200, Preview);

        var result = await CliRun.RunAsync("preview", "sub_A", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/api/invoices/upcoming?subscription=sub_A", "k1"), (request.Method, request.PathAndQuery, request.Key));
        Assert.Equal(
            [
                "sub_A.1767225600.cycle: the subscription_cycle invoice of sub_A (cus_A) for 2026-01-01 to 2026-02-01, if no more usage arrives",
                "  price          meter            period                    quantity     amount",
                "  price_compute  compute_seconds  2026-01-01 to 2026-02-01    23,457   USD 2.35",
                "  price_seats    seats            2026-02-01 to 2026-03-01         3  USD 75.00",
                "                                                               total  USD 77.35",
            ],
            result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').TrimEnd()));
    }

    [Fact]
    public async Task Preview_NothingToBill_SaysTheCloseWouldIssueNothing()
    {
        const string Empty = """
            {"id": "sub_A.1767225600.cycle", "customer": "cus_A", "subscription": "sub_A",
             "billing_reason": "subscription_cycle", "period_start": 1767225600, "period_end": 1769904000,
             "currency": "usd", "lines": [], "total": 0, "status": "preview", "stripe_invoice_id": null}
            """;
        await using var server = await CannedServer.StartAsync(200, Empty);

        var result = await CliRun.RunAsync("preview", "sub_A", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("nothing to bill: the close would issue no invoice", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_UnknownSubscription_ExitsOneWithTheAppsMessage()
    {
        await using var server = await CannedServer.StartAsync(404, """{"error": {"code": "subscription_not_found", "message": "No subscription 'sub_X' in the catalog."}}""");

        var result = await CliRun.RunAsync("preview", "sub_X", "--url", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No subscription 'sub_X' in the catalog. (404 subscription_not_found)", result.Error, StringComparison.Ordinal);
    }
}
