using Billing.Cli.Api;
using Billing.Cli.Demo;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Demo;

/// <summary>
/// The demo's spend-cap step against a scripted app: it sets a cap above cus_B's amount, crosses it
/// in three posts and shows each answer's state, the refusing entitlements and the event, then
/// removes the cap.
/// </summary>
public sealed class CapDemoTests
{
    private const string Usage = "GET /api/customers/cus_B/usage";
    private const string Put = "PUT /api/subscriptions/sub_B/spend_cap";
    private const string Post = "POST /api/meter_events";
    private const string Entitlements = "GET /api/customers/cus_B/entitlements";
    private const string Events = "GET /api/events";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_CapCrossed_ShowsEachStateTheRefusalAndTheEventThenRemovesTheCap()
    {
        var posts = 0;
        var puts = 0;
        await using var app = await ScriptedServer.StartAsync(request => request switch
        {
            Usage => """
                {"customer":"cus_B","as_of":1768867200,"subscriptions":[{
                  "subscription":"sub_B","currency":"usd","period_start":1767225600,"period_end":1769904000,"meters":[],
                  "amount":500,"billed":0,"unbilled":500,
                  "threshold":{"amount_gte":10000,"unbilled_eligible":0,"progress":0},"late_events":0}]}
                """,
            Put => Interlocked.Increment(ref puts) == 1
                ? """{"subscription":"sub_B","period_start":1767225600,"amount":500,"spend_cap":1500,"state":"ok"}"""
                : """{"subscription":"sub_B","period_start":1767225600,"amount":1600,"spend_cap":null,"state":"ok"}""",
            Post => Interlocked.Increment(ref posts) switch
            {
                1 => Answer(1200, "warning"),
                2 => Answer(1400, "warning"),
                _ => Answer(1600, "capped"),
            },
            Entitlements => """
                {"customer":"cus_B","as_of":1768867200,"data":[
                  {"subscription":"sub_B","meter":"compute_seconds","allowed":false,"reason":"spend_cap_reached","period_start":1767225600,"amount":1600,"spend_cap":1500,"state":"capped"}]}
                """,
            Events => """
                {"data":[{"id":"evt_0123456789abcdef01234567","type":"billing.spend_cap.reached","created":1768867200,
                          "data":{"subscription":"sub_B","customer":"cus_B","currency":"usd","period_start":1767225600,"period_end":1769904000,"amount":1600,"spend_cap":1500}}],
                 "has_more":false}
                """,
            _ => null,
        });

        var output = await RunAsync(app);

        Assert.Contains("the period's amount is USD 5.00 of a USD 15.00 cap (ok)", output, StringComparison.Ordinal);
        Assert.Contains("14,000 compute seconds (USD 7.00): 1 accepted; the answer says USD 12.00 of USD 15.00: warning", output, StringComparison.Ordinal);
        Assert.Contains("1 accepted; the answer says USD 16.00 of USD 15.00: capped", output, StringComparison.Ordinal);
        Assert.Contains("entitlements: compute_seconds allowed=false (spend_cap_reached)", output, StringComparison.Ordinal);
        Assert.Contains("billing.spend_cap.reached: event evt_0123456789abcdef01234567", output, StringComparison.Ordinal);
        Assert.Equal([Usage, Put, Post, Post, Post, Entitlements, Events, Put], app.Requests);
        var bodies = app.Bodies.ToArray();
        Assert.Equal(("""{"amount":1500}""", """{"amount":null}"""), (bodies[1], bodies[^1]));
    }

    private static string Answer(long amount, string state) =>
        $$"""{"accepted":1,"duplicates":0,"rejected":0,"results":[{"index":0,"identifier":"demo-cap","status":"accepted"}],"subscriptions":[{"subscription":"sub_B","period_start":1767225600,"amount":{{amount}},"spend_cap":1500,"state":"{{state}}"}]}""";

    private static async Task<string> RunAsync(ScriptedServer app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = CliRun.Environment(output, error, new Dictionary<string, string>(), null, new FixedNowTimeProvider(CliRun.Now));
        using var api = new ApiClient(new CliSettings(app.Url, "key", CliSettings.DefaultConnection));

        await new CapDemo(api, environment).RunAsync(Ct);

        return output.ToString();
    }
}
