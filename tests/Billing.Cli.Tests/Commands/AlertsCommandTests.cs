using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary><c>billing alerts</c>: what list, create and delete send, and how they show the answer or the app's refusal.</summary>
public sealed class AlertsCommandTests
{
    private const string Listed = """
        {"data": [
          {"id": "alr_000000000000000000000001", "subscription": "sub_A", "customer": "cus_A", "type": "spend", "meter": null,
           "gte": 5000, "created": 1768867200, "last_triggered": null},
          {"id": "alr_000000000000000000000002", "subscription": "sub_A", "customer": "cus_A", "type": "usage", "meter": "compute_seconds",
           "gte": 50000.5, "created": 1768867200,
           "last_triggered": {"period_start": 1767225600, "value": 51000, "triggered_at": 1768870800, "event": "evt_5f71f2f19df11a4844203a32"}}],
         "has_more": false}
        """;

    [Theory]
    [InlineData(new[] { "alerts" }, "/api/alerts")]
    [InlineData(new[] { "alerts", "list", "--subscription", "sub A" }, "/api/alerts?subscription=sub%20A")]
    [InlineData(new[] { "alerts", "--subscription", "sub_A" }, "/api/alerts?subscription=sub_A")]
    public async Task List_Answer_IsATableWithTheLastFiring(string[] args, string path)
    {
        await using var server = await CannedServer.StartAsync(200, Listed);

        var result = await CliRun.RunAsync([.. args, "--url", server.Url.ToString(), "--key", "k1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", path, "k1"), (request.Method, request.PathAndQuery, request.Key));
        Assert.Matches(@"alr_000000000000000000000001\s+sub_A\s+spend ≥ 5,000 minor units\s+never", result.Out);
        Assert.Matches(
            @"alr_000000000000000000000002\s+sub_A\s+usage of compute_seconds ≥ 50,000.5\s+period 2026-01-01 at 2026-01-20 01:00:00Z, value 51,000 \(evt_5f71f2f19df11a4844203a32\)",
            result.Out);
    }

    [Fact]
    public async Task Create_UsageRule_PostsTheBodyAndShowsTheRule()
    {
        await using var server = await CannedServer.StartAsync(200, """
            {"id": "alr_000000000000000000000002", "subscription": "sub_A", "customer": "cus_A", "type": "usage", "meter": "compute_seconds",
             "gte": 50000.5, "created": 1768867200, "last_triggered": null}
            """);

        var result = await CliRun.RunAsync(
            "alerts", "create", "--subscription", "sub_A", "--type", "usage", "--meter", "compute_seconds", "--gte", "50000.5", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(
            ("POST", "/api/alerts", """{"subscription":"sub_A","type":"usage","meter":"compute_seconds","gte":50000.5}"""),
            (request.Method, request.PathAndQuery, request.Body));
        Assert.Contains("created alr_000000000000000000000002: usage of compute_seconds ≥ 50,000.5", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SpendRule_LeavesTheMeterOut()
    {
        await using var server = await CannedServer.StartAsync(200, """
            {"id": "alr_000000000000000000000001", "subscription": "sub_A", "customer": "cus_A", "type": "spend", "meter": null,
             "gte": 5000, "created": 1768867200, "last_triggered": null}
            """);

        var result = await CliRun.RunAsync("alerts", "create", "--subscription", "sub_A", "--type", "spend", "--gte", "5000", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"subscription":"sub_A","type":"spend","gte":5000}""", Assert.Single(server.Requests).Body);
        Assert.Contains("created alr_000000000000000000000001: spend ≥ 5,000 minor units", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AppRefusesAField_Exit1WithItsMessage()
    {
        await using var server = await CannedServer.StartAsync(400, """{"error": {"code": "invalid_request", "message": "meter 'gpu' is not a meter of the catalog."}}""");

        var result = await CliRun.RunAsync("alerts", "create", "--subscription", "sub_A", "--type", "usage", "--meter", "gpu", "--gte", "1", "--url", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("meter 'gpu' is not a meter of the catalog. (400 invalid_request)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--type", "cost")]
    [InlineData("--gte", "lots")]
    public async Task Create_BadArgument_Exit2SendsNothing(string option, string value)
    {
        await using var server = await CannedServer.StartAsync(200, "{}");
        string[] args = ["alerts", "create", "--subscription", "sub_A", "--type", "spend", "--gte", "5000", "--url", server.Url.ToString()];
        args[Array.IndexOf(args, option) + 1] = value;

        var result = await CliRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Delete_Id_SendsTheDeleteAndSaysSo()
    {
        await using var server = await CannedServer.StartAsync(200, """{"id": "alr_000000000000000000000001", "deleted": true}""");

        var result = await CliRun.RunAsync("alerts", "delete", "alr_000000000000000000000001", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("DELETE", "/api/alerts/alr_000000000000000000000001"), (Assert.Single(server.Requests).Method, server.Requests.Single().PathAndQuery));
        Assert.Contains("deleted alr_000000000000000000000001", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Unknown_Exit1NamingTheCode()
    {
        await using var server = await CannedServer.StartAsync(404, """{"error": {"code": "alert_not_found", "message": "No alert 'alr_x'."}}""");

        var result = await CliRun.RunAsync("alerts", "delete", "alr_x", "--url", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alert_not_found", result.Error, StringComparison.Ordinal);
    }
}
