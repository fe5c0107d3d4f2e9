using System.Globalization;
using System.Text;
using Billing.Testing;

namespace Billing.Benchmarks;

/// <summary>
/// The invoicing benchmark's usage: subscription c of the integration tests' catalog
/// (<see cref="TestCatalogs.Build"/>: six meters and a seat price) gets 12–15 events in its first
/// period, with values that are a function of c, and <see cref="Quantities"/> says what they
/// aggregate to. The checks price those quantities themselves, so a wrong stored aggregate shows
/// as a wrong invoice. Some subscriptions end with a negative temperature or adjustment: credit lines.
/// </summary>
internal sealed class InvoicingWorkload(int subscriptions, DateTimeOffset anchor)
{
    /// <summary>Events a subscription gets at most (what a request of <see cref="MaxRequestEvents"/> must hold whole).</summary>
    public const int MaxEventsPerSubscription = 15;

    /// <summary>The meter-events function's default limit per request.</summary>
    public const int MaxRequestEvents = 10_000;

    private const decimal ComputeB = 12.5m;
    private const decimal StorageB = 17m;
    private const decimal AdjustmentA = 250m;

    public int Subscriptions => subscriptions;

    public DateTimeOffset Anchor => anchor;

    /// <summary>Events are spread over the tenth day of the first period, a minute apart.</summary>
    public DateTimeOffset FirstEventAt => anchor.AddDays(10);

    public static string Customer(int c) => string.Create(CultureInfo.InvariantCulture, $"cus_{c:D6}");

    /// <summary>The catalog's subscription id for customer c (<see cref="TestCatalogs.Build"/> names it after the customer).</summary>
    public static string Subscription(int c) => "sub_" + Customer(c);

    public string CatalogJson(long thresholdAmountGte) =>
        TestCatalogs.Build([.. Enumerable.Range(0, subscriptions).Select(Customer)], anchor, thresholdAmountGte);

    /// <summary>Meter id → aggregated quantity of subscription c's events.</summary>
    public static IReadOnlyDictionary<string, decimal> Quantities(int c) => new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["compute_seconds"] = ComputeA(c) + ComputeB,
        ["api_calls"] = ApiCalls(c),
        ["storage_gb"] = Math.Max(StorageA(c), StorageB),
        ["active_users"] = 2, // "u0".."u2" and "u7" twice
        ["temperature"] = LastTemperature(c),
        ["adjustments"] = AdjustmentA + AdjustmentB(c),
    };

    /// <summary>Subscription c's events as JSON Lines (each line ends with '\n'); returns how many.</summary>
    public int WriteEvents(int c, StringBuilder jsonl)
    {
        var customer = Customer(c);
        var k = 0;
        void Add(string eventName, string payload) =>
            jsonl.Append(CultureInfo.InvariantCulture, $$"""{"event_name":"{{eventName}}","timestamp":{{FirstEventAt.AddMinutes(k).ToUnixTimeSeconds()}},"identifier":"inv-{{c}}-{{k++}}","payload":{{payload}}}""").Append('\n');
        string Valued(string key, decimal value) =>
            string.Create(CultureInfo.InvariantCulture, $$"""{"stripe_customer_id":"{{customer}}","{{key}}":"{{value}}"}""");

        Add("compute_seconds", Valued("value", ComputeA(c)));
        Add("compute_seconds", Valued("value", ComputeB));
        for (var i = 0; i < ApiCalls(c); i++)
        {
            Add("api_call", $$"""{"stripe_customer_id":"{{customer}}"}""");
        }

        Add("storage_gb", Valued("value", StorageA(c)));
        Add("storage_gb", Valued("value", StorageB));
        Add("active_user", $$"""{"stripe_customer_id":"{{customer}}","user_id":"u{{c % 3}}"}""");
        Add("active_user", $$"""{"stripe_customer_id":"{{customer}}","user_id":"u7"}""");
        Add("active_user", $$"""{"stripe_customer_id":"{{customer}}","user_id":"u7"}""");
        Add("temperature", Valued("value", 18.5m)); // earlier: not the last
        Add("temperature", Valued("value", LastTemperature(c)));
        Add("adjustment", string.Create(CultureInfo.InvariantCulture, $$"""{"customer":"{{customer}}","amount":"{{AdjustmentA}}"}"""));
        Add("adjustment", string.Create(CultureInfo.InvariantCulture, $$"""{"customer":"{{customer}}","amount":"{{AdjustmentB(c)}}"}"""));
        return k;
    }

    private static decimal ComputeA(int c) => (c % 89) + 0.25m;

    private static int ApiCalls(int c) => 1 + (c % 4);

    private static decimal StorageA(int c) => (c % 50) + 1;

    private static decimal LastTemperature(int c) => (c % 7) - 3;

    private static decimal AdjustmentB(int c) => -(c % 300);
}
