using System.Globalization;
using System.Text.Json;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's last step: posts enough compute for cus_A to reach its threshold, then waits for the
/// threshold invoice the app issues and charges through Stripe, and shows it with cus_A's usage
/// (now billed). Tied to the sample catalog, as the rest of the demo is.
/// </summary>
internal sealed class ThresholdDemo(ApiClient api, CliEnvironment environment)
{
    public const string Customer = "cus_A";

    /// <summary>The sample catalog prices compute at 0.05 cents a second: 20 seconds a cent.</summary>
    private const long ComputeSecondsPerMinorUnit = 20;

    private static readonly TimeSpan InvoiceTimeout = TimeSpan.FromSeconds(30);

    private TextWriter Out => environment.Out;

    /// <param name="usage">cus_A's usage as the demo last read it.</param>
    public async Task RunAsync(CustomerUsage usage, CancellationToken cancellationToken)
    {
        var subscription = usage.Subscriptions.FirstOrDefault();
        if (subscription is null)
        {
            Out.WriteLine($"  {Customer} has no subscription in a current period: nothing to charge.");
            return;
        }

        var before = (await InvoicesCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var threshold = subscription.Threshold;
        // Twice what is missing, so the threshold is crossed with room to spare (and always some usage).
        var amount = 2 * Math.Max(threshold.AmountGte - threshold.UnbilledEligible, 100);
        var seconds = amount * ComputeSecondsPerMinorUnit;
        var now = environment.Time.GetUtcNow().ToUnixTimeSeconds();
        var identifier = string.Create(CultureInfo.InvariantCulture, $"demo-threshold-{now}");
        var events = JsonSerializer.SerializeToElement(new[]
        {
            new { event_name = "compute_seconds", timestamp = now, identifier, payload = new { stripe_customer_id = Customer, value = seconds.ToString(CultureInfo.InvariantCulture) } },
        });
        await api.PostJsonAsync("api/meter_events", events, ApiJson.Default.JsonElement, ApiJson.Default.MeterEventsResult, missing: null, cancellationToken).ConfigureAwait(false);
        Out.WriteLine(
            $"  {Customer}'s threshold: {Money.Format(threshold.UnbilledEligible, subscription.Currency)} of {Money.Format(threshold.AmountGte, subscription.Currency)} unbilled; " +
            $"posted {Numbers.Count(seconds)} compute seconds (about {Money.Format(amount, subscription.Currency)})");

        var started = environment.Time.GetTimestamp();
        while (environment.Time.GetElapsedTime(started) < InvoiceTimeout)
        {
            var invoices = await InvoicesCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false);
            if (invoices.FirstOrDefault(i => !before.Contains(i.Id) && i.BillingReason == "subscription_threshold" && i.Status is "paid" or "open") is { } charged)
            {
                Out.WriteLine($"  charged automatically after {environment.Time.GetElapsedTime(started).TotalSeconds:0.0} s:");
                Out.WriteLine();
                InvoicesCommand.Write(Out, [charged], Customer);
                Out.WriteLine();
                UsageView.Write(Out, await UsageCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false));
                Out.WriteLine();
                Out.WriteLine("  ./billing clock advance +31d then closes the period: its cycle invoice bills the rest, and seats in advance.");
                Out.WriteLine("  (the test clock only moves forward and is kept in .azurite/: delete that folder to start afresh)");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), environment.Time, cancellationToken).ConfigureAwait(false);
        }

        // Not a failure: threshold invoices of a subscription are spaced (Invoicing__MinThresholdInterval).
        Out.WriteLine(
            $"  no new threshold invoice within {InvoiceTimeout.TotalSeconds:0} s: if {Customer} had one less than " +
            "Invoicing__MinThresholdInterval ago (2 h by default, e.g. from an earlier demo), the first check after it bills this usage.");
    }
}
