using System.Globalization;
using System.Text.Json;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's last step: posts enough compute for cus_A to reach its threshold, then waits for the
/// threshold invoice the app issues and charges through Stripe until its outcome is known (paid,
/// or a failed payment the app will retry), and shows it with cus_A's usage read after that, so
/// the usage's billed amount includes the invoice. Tied to the sample catalog, as the rest of the
/// demo is.
/// </summary>
internal sealed class ThresholdDemo(ApiClient api, CliEnvironment environment)
{
    public const string Customer = "cus_A";

    /// <summary>The sample catalog prices compute at 0.05 cents a second: 20 seconds a cent.</summary>
    private const long ComputeSecondsPerMinorUnit = 20;

    /// <summary>How long the invoice gets, from the usage being posted, to be issued and charged.</summary>
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
        // The current period always has threshold progress (docs/contracts.md §2).
        var threshold = subscription.Threshold ?? throw new CliException(ExitCodes.Failed, $"The usage of {Customer}'s current period came without threshold progress.");
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
        var invoice = await WaitForOutcomeAsync(before, cancellationToken).ConfigureAwait(false);
        var elapsed = environment.Time.GetElapsedTime(started).TotalSeconds;
        if (invoice is null)
        {
            // Not a failure: threshold invoices of a subscription are spaced (Invoicing__MinThresholdInterval).
            Out.WriteLine(
                $"  no new threshold invoice within {InvoiceTimeout.TotalSeconds:0} s: if {Customer} had one less than " +
                "Invoicing__MinThresholdInterval ago (2 h by default, e.g. from an earlier demo), the first check after it bills this usage.");
            return;
        }

        Out.WriteLine($"  {Describe(invoice, elapsed)}:");
        Out.WriteLine();
        InvoicesCommand.Write(Out, [invoice], Customer);
        Out.WriteLine();
        // Read after the outcome: by then the run has recorded the invoice in the ledger (it does so
        // right after finalizing, before charging), so "billed" counts it.
        var after = await UsageCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false);
        UsageView.Write(Out, after);
        WriteBilled(subscription, after.Subscriptions.FirstOrDefault(s => s.Subscription == invoice.Subscription && s.PeriodStart == invoice.PeriodStart), invoice);
        Out.WriteLine();
        Out.WriteLine("  ./billing clock advance +31d then closes the period: its cycle invoice bills the rest, and seats in advance.");
        Out.WriteLine("  (the test clock only moves forward and is kept in .azurite/: delete that folder to start afresh)");
    }

    /// <summary>
    /// True once the charge's outcome is known: paid, voided or uncollectible, or open after a
    /// payment attempt that failed (the Reconcile timer charges again later). An open invoice
    /// without an attempt is still between finalizing and charging.
    /// </summary>
    private static bool Settled(Invoice invoice) =>
        invoice.Status is "paid" or "void" or "uncollectible"
        || (invoice.Status == "open" && invoice.Payment is { Attempts: > 0, LastError: not null });

    private static string Describe(Invoice invoice, double seconds) => invoice switch
    {
        { Status: "paid" } => $"charged and paid automatically after {seconds:0.0} s",
        { Status: "open", Payment.LastError: { } error } => $"issued and finalized after {seconds:0.0} s; payment pending: {error} (the app charges again after Invoicing__PaymentRetryInterval)",
        { Status: "open" } => $"issued and finalized; payment pending: not charged yet after {seconds:0} s",
        { Status: "draft" } => $"issued; not finalized after {seconds:0} s (see .billing/app.log)",
        _ => $"issued after {seconds:0.0} s, then {invoice.Status}",
    };

    /// <summary>The new threshold invoice once its outcome is known, or as it stands when the time is up; null if none was issued.</summary>
    private async Task<Invoice?> WaitForOutcomeAsync(IReadOnlySet<string> before, CancellationToken cancellationToken)
    {
        var started = environment.Time.GetTimestamp();
        Invoice? issued = null;
        while (true)
        {
            var invoices = await InvoicesCommand.ReadAsync(api, Customer, cancellationToken).ConfigureAwait(false);
            issued = invoices.FirstOrDefault(i => !before.Contains(i.Id) && i.BillingReason == "subscription_threshold") ?? issued;
            if ((issued is not null && Settled(issued)) || environment.Time.GetElapsedTime(started) >= InvoiceTimeout)
            {
                return issued;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Says how the usage's billed amount relates to the invoice: it should have grown by the invoice's total.</summary>
    private void WriteBilled(SubscriptionUsage before, SubscriptionUsage? after, Invoice invoice)
    {
        if (after is null)
        {
            return; // the period has ended meanwhile: the usage shows another one
        }

        var currency = invoice.Currency;
        var (now, then, total) = (Money.Format(after.Billed, currency), Money.Format(before.Billed, currency), Money.Format(invoice.Total, currency));
        var grown = after.Billed - before.Billed;
        Out.WriteLine(
            grown == invoice.Total ? $"  billed {now}: {then} before, plus this invoice's {total}"
            : grown > invoice.Total ? $"  billed {now} ({then} before): this invoice's {total} and others recorded meanwhile"
            : $"  billed {now} ({then} before) does not count this invoice's {total} yet: an invoice counts once its run records it, right after finalizing");
    }
}
