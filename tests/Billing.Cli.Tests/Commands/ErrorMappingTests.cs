using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary>What the user sees when the app is down, refuses the key, or lacks an endpoint: against real HTTP.</summary>
public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("usage", "cus_A")]
    [InlineData("invoices")]
    [InlineData("rejects", "a.csv")]
    [InlineData("clock", "advance", "+1d")]
    [InlineData("webhooks", "replay")]
    public async Task Command_NothingListening_ExitsThreeSayingHowToStartTheApp(params string[] command)
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.PickFree()}";

        var result = await CliRun.RunAsync([.. command, "--url", url]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"the app is not running at {url}; start it with ./run.sh", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usage", "cus_A")]
    [InlineData("invoices", "--customer", "cus_A")]
    [InlineData("rejects", "2026/01/a.csv")]
    [InlineData("clock", "advance", "1767225600")]
    [InlineData("webhooks", "replay", "--since", "-1d")]
    public async Task Command_Unauthorized_ExitsFourSayingTheKeyWasRefused(params string[] command)
    {
        await using var server = await CannedServer.StartAsync(401);

        var result = await CliRun.RunAsync([.. command, "--url", server.Url.ToString(), "--key", "wrong"]);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("the host key was refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoices are not available in this version of the app", "invoices")]
    [InlineData("the uploads API (GET /api/uploads/rejects) is not available in this version of the app", "rejects", "a.csv")]
    [InlineData("the test clock is not available in this version of the app", "clock", "advance", "+1h")]
    [InlineData("webhook replay is not available in this version of the app", "webhooks", "replay")]
    public async Task Command_EndpointMissing_ExitsOneSayingItIsNotAvailable(string message, params string[] command)
    {
        await using var server = await CannedServer.StartAsync(404);

        var result = await CliRun.RunAsync([.. command, "--url", server.Url.ToString()]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_UnknownCustomer_ExitsOneWithTheAppsMessage()
    {
        await using var server = await CannedServer.StartAsync(404, """{"error": {"code": "customer_not_found", "message": "No customer 'cus_X' in the catalog."}}""");

        var result = await CliRun.RunAsync("usage", "cus_X", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No customer 'cus_X' in the catalog. (404 customer_not_found)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_ServerError_ExitsOneWithTheStatus()
    {
        await using var server = await CannedServer.StartAsync(500, "boom");

        var result = await CliRun.RunAsync("usage", "cus_A", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the app answered 500 InternalServerError: boom", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_AnswerNotUnderstood_ExitsOne()
    {
        await using var server = await CannedServer.StartAsync(200, "[1, 2]");

        var result = await CliRun.RunAsync("usage", "cus_A", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("is not what this CLI understands", result.Error, StringComparison.Ordinal);
    }
}
