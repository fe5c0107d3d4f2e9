using System.Globalization;
using System.Text.Json;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's spend-cap step (docs/contracts.md §9): gives cus_B's subscription a cap USD 10.00
/// above its current amount, posts compute past it in three requests and shows each answer's state
/// (usage past the cap is still accepted), the entitlements that then refuse new work, and the
/// <c>billing.spend_cap.reached</c> event; then removes the cap again, so that the next run starts
/// from an uncapped subscription. Tied to the sample catalog, as the rest of the demo is.
/// </summary>
internal sealed class CapDemo(ApiClient api, CliEnvironment environment)
{
    public const string Customer = "cus_B";

    /// <summary>The sample catalog prices compute at 0.05 cents a second: 20 seconds a cent.</summary>
    private const long ComputeSecondsPerMinorUnit = 20;

    /// <summary>The cap above the current amount, and the three posts that cross it (minor units).</summary>
    private const long Headroom = 1_000;

    private static readonly long[] Posts = [700, 200, 200];

    /// <summary>How long the event gets to be published by CheckThreshold (a queue function) after the crossing.</summary>
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private TextWriter Out => environment.Out;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var usage = await UsageCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false);
        if (usage.Subscriptions.FirstOrDefault() is not { } subscription)
        {
            Out.WriteLine($"  {Customer} has no subscription in a current period: nothing to cap.");
            return;
        }

        var (id, currency) = (subscription.Subscription, subscription.Currency);
        var cap = Math.Max(subscription.Amount, 0) + Headroom;
        var set = await PutCapAsync(id, cap, cancellationToken).ConfigureAwait(false);
        Out.WriteLine($"  PUT /api/subscriptions/{id}/spend_cap {{\"amount\": {cap}}}: the period's amount is {Money.Format(Long(set, "amount"), currency)} of a {Money.Format(cap, currency)} cap ({Text(set, "state")})");

        var now = environment.Time.GetUtcNow().ToUnixTimeSeconds();
        for (var i = 0; i < Posts.Length; i++)
        {
            var seconds = Posts[i] * ComputeSecondsPerMinorUnit;
            var events = JsonSerializer.SerializeToElement(new[]
            {
                new
                {
                    event_name = "compute_seconds",
                    timestamp = now,
                    identifier = string.Create(CultureInfo.InvariantCulture, $"demo-cap-{now}-{i}"),
                    payload = new { stripe_customer_id = Customer, value = seconds.ToString(CultureInfo.InvariantCulture) },
                },
            });
            var answer = await api.PostJsonAsync("api/meter_events", events, ApiJson.Default.JsonElement, ApiJson.Default.JsonElement, missing: null, cancellationToken).ConfigureAwait(false);
            var spend = answer.GetProperty("subscriptions").EnumerateArray().FirstOrDefault(s => Text(s, "subscription") == id);
            Out.WriteLine(
                $"  posted {Numbers.Count(seconds)} compute seconds ({Money.Format(Posts[i], currency)}): {Long(answer, "accepted")} accepted; the answer says " +
                (spend.ValueKind == JsonValueKind.Object ? $"{Money.Format(Long(spend, "amount"), currency)} of {Money.Format(cap, currency)}: {Text(spend, "state")}" : "nothing of the cap"));
        }

        var entitlements = await api.GetAsync($"api/customers/{Customer}/entitlements", ApiJson.Default.JsonElement, missing: null, cancellationToken).ConfigureAwait(false);
        foreach (var entitlement in entitlements.GetProperty("data").EnumerateArray().Where(e => Text(e, "subscription") == id))
        {
            Out.WriteLine($"  GET /api/customers/{Customer}/entitlements: {Text(entitlement, "meter")} allowed={(entitlement.GetProperty("allowed").GetBoolean() ? "true" : "false")}{(Text(entitlement, "reason") is { } reason ? $" ({reason})" : string.Empty)}");
        }

        Out.WriteLine(await WaitForEventAsync(id, subscription.PeriodStart, cancellationToken).ConfigureAwait(false) is { } eventId
            ? $"  billing.spend_cap.reached: event {eventId}, once per period, sent to every webhook endpoint enabled for it (GET /api/events)"
            : $"  billing.spend_cap.reached: not recorded within {EventTimeout.TotalSeconds:0} s (CheckThreshold publishes it; see .billing/app.log)");

        await PutCapAsync(id, null, cancellationToken).ConfigureAwait(false);
        Out.WriteLine($"  PUT {{\"amount\": null}}: the cap is removed again (a catalog may set one too: spend_cap.amount).");
    }

    private Task<JsonElement> PutCapAsync(string subscription, long? amount, CancellationToken cancellationToken) =>
        api.PutJsonAsync(
            $"api/subscriptions/{subscription}/spend_cap",
            JsonSerializer.SerializeToElement(new { amount }),
            ApiJson.Default.JsonElement,
            ApiJson.Default.JsonElement,
            missing: "this app has no spend caps (PUT /api/subscriptions/{id}/spend_cap)",
            cancellationToken);

    /// <summary>The id of the period's <c>billing.spend_cap.reached</c> event once recorded (among the latest 100 events); null when the time is up.</summary>
    private async Task<string?> WaitForEventAsync(string subscription, long periodStart, CancellationToken cancellationToken)
    {
        var started = environment.Time.GetTimestamp();
        while (true)
        {
            var events = await api.GetAsync("api/events?limit=100", ApiJson.Default.JsonElement, missing: null, cancellationToken).ConfigureAwait(false);
            var reached = events.GetProperty("data").EnumerateArray().FirstOrDefault(e =>
                Text(e, "type") == "billing.spend_cap.reached"
                && Text(e.GetProperty("data"), "subscription") == subscription
                && Long(e.GetProperty("data"), "period_start") == periodStart);
            if (reached.ValueKind == JsonValueKind.Object)
            {
                return Text(reached, "id");
            }

            if (environment.Time.GetElapsedTime(started) >= EventTimeout)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
