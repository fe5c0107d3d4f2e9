using Billing.Cli.Api;
using Billing.Cli.Demo;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Demo;

/// <summary>The demo's alert against a scripted app: a spend rule a dollar above cus_A's amount, then its firing once the app shows it.</summary>
public sealed class AlertDemoTests
{
    private const string Create = "POST /api/alerts";
    private const string List = "GET /api/alerts";

    private const string Rule = """
        {"id":"alr_000000000000000000000001","subscription":"sub_A","customer":"cus_A","type":"spend","meter":null,"gte":10100,"created":1768867200,"last_triggered":null}
        """;

    private const string Fired = """
        {"id":"alr_000000000000000000000001","subscription":"sub_A","customer":"cus_A","type":"spend","meter":null,"gte":10100,"created":1768867200,
         "last_triggered":{"period_start":1767225600,"value":30000,"triggered_at":1768867260,"event":"evt_5f71f2f19df11a4844203a32"}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateThenShow_RuleFiresOnTheSecondRead_PostsADollarAboveTheAmountAndShowsTheEvent()
    {
        var reads = 0;
        await using var app = await ScriptedServer.StartAsync(request => request switch
        {
            Create => Rule,
            List => Interlocked.Increment(ref reads) == 1 ? $$"""{"data":[{{Rule}}],"has_more":false}""" : $$"""{"data":[{{Fired}}],"has_more":false}""",
            _ => null,
        });
        using var output = new StringWriter();
        var demo = Demo(app, output, out var api);

        var alert = await demo.CreateAsync(Usage(amount: 10_000), Ct);
        await demo.ShowAsync(alert!, Ct);
        api.Dispose();

        Assert.Equal([Create, List, List], app.Requests);
        Assert.Equal("""{"subscription":"sub_A","type":"spend","gte":10100}""", app.Bodies.First());
        var text = output.ToString();
        Assert.Contains("  alert alr_000000000000000000000001 on sub_A: spend ≥ 10,100 minor units (USD 100.00 spent so far)", text, StringComparison.Ordinal);
        Assert.Contains("  alert alr_000000000000000000000001 fired: value 30,000 ≥ 10,100; event evt_5f71f2f19df11a4844203a32 (billing.alert.triggered)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AppRefuses_SaysSoAndGoesOn()
    {
        await using var app = await ScriptedServer.StartAsync(_ => null);
        using var output = new StringWriter();
        var demo = Demo(app, output, out var api);

        var alert = await demo.CreateAsync(Usage(amount: 10_000), Ct);
        api.Dispose();

        Assert.Null(alert);
        Assert.Contains("  no alert rule: alerts are not available in this version of the app", output.ToString(), StringComparison.Ordinal);
    }

    private static AlertDemo Demo(ScriptedServer app, StringWriter output, out ApiClient api)
    {
        var environment = CliRun.Environment(output, new StringWriter(), new Dictionary<string, string>(), null, new FixedNowTimeProvider(CliRun.Now));
        api = new ApiClient(new CliSettings(app.Url, "key", CliSettings.DefaultConnection));
        return new AlertDemo(api, environment);
    }

    private static CustomerUsage Usage(long amount) => System.Text.Json.JsonSerializer.Deserialize(
        $$"""
        {"customer":"cus_A","as_of":1768867200,"subscriptions":[{
          "subscription":"sub_A","currency":"usd","period_start":1767225600,"period_end":1769904000,
          "meters":[],"amount":{{amount}},"billed":0,"unbilled":{{amount}},
          "threshold":{"amount_gte":5000,"unbilled_eligible":0,"progress":0},"late_events":0}]}
        """,
        ApiJson.Default.CustomerUsage)!;
}
