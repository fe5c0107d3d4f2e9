using System.Text.Json;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;
using Billing.Cli.Upload;

namespace Billing.Cli.Demo;

/// <summary>
/// <c>billing up --demo</c>: a scripted tour of a running app. Uploads a generated usage file for
/// the sample customers, posts meter events over HTTP (one accepted, its resend, two refused), waits
/// until the usage API shows all of it, prints each customer's usage and what was refused, then
/// sets a spend alert on cus_A (<see cref="AlertDemo"/>), pushes cus_A over its threshold and shows
/// the invoice that charged it (<see cref="ThresholdDemo"/>) and the alert that fired, and takes
/// cus_B past a spend cap (<see cref="CapDemo"/>); last, previews cus_A's next invoice and prints the
/// dashboard and a portal link (<see cref="PreviewDemo"/>).
/// Works on a fresh or a reused storage: it waits for the usage and invoices it added, not for totals.
/// </summary>
internal sealed class DemoScenario(ApiClient api, UsageUploader uploader, CliEnvironment environment, Uri dashboard)
{
    public static readonly string[] Customers = ["cus_A", "cus_B", "cus_C"];
    private static readonly TimeSpan FileTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(30);

    private TextWriter Out => environment.Out;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = await ReadUsageAsync(cancellationToken).ConfigureAwait(false);

        Out.WriteLine();
        Out.WriteLine("demo 1/7: upload a generated usage file to the 'usage' container");
        var sample = SampleUsage.Generate(environment.Time.GetUtcNow());
        var path = await sample.WriteAsync(Path.Combine(Path.GetTempPath(), "billing-samples"), cancellationToken).ConfigureAwait(false);
        var uploaded = await uploader.UploadAsync(path, sample.Name, cancellationToken).ConfigureAwait(false);
        var summary = await uploader.WaitForSummaryAsync(uploaded, FileTimeout, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.Failed, $"the app did not process usage/{sample.Name} within {FileTimeout.TotalSeconds:0} s; see its log.");
        UsageUploader.WriteSummary(Out, sample.Name, summary);
        var fileRejects = summary.RejectsBlob is { } blob
            ? await uploader.ReadRejectsAsync(blob, UploadCommand.FirstRejectedRows, cancellationToken).ConfigureAwait(false)
            : [];

        Out.WriteLine();
        Out.WriteLine("demo 2/7: post meter events to POST /api/meter_events");
        var events = MeterEvents(environment.Time.GetUtcNow(), sample.Name);
        var posted = await api.PostJsonAsync("api/meter_events", events, ApiJson.Default.JsonElement, ApiJson.Default.MeterEventsResult, missing: null, cancellationToken).ConfigureAwait(false);
        WritePosted(events, posted);

        Out.WriteLine();
        Out.WriteLine("demo 3/7: wait until the usage API shows every accepted event");
        var expected = Expected(before, sample, events, posted);
        var after = await WaitForAsync(expected, cancellationToken).ConfigureAwait(false);

        Out.WriteLine();
        Out.WriteLine("demo 4/7: summary");
        foreach (var customer in Customers)
        {
            Out.WriteLine();
            UsageView.Write(Out, after[customer]);
        }

        Out.WriteLine();
        Out.WriteLine("refused or repeated:");
        Out.WriteLine($"  file usage/{sample.Name}: {summary.Duplicates} duplicate(s), {summary.Rejected} rejected ({summary.RejectsBlob ?? "no rejects file"})");
        foreach (var reject in fileRejects)
        {
            Out.WriteLine($"    line {reject.Line}: {reject.Reason}: {reject.Message}");
        }

        Out.WriteLine($"  HTTP: {posted.Duplicates} duplicate(s), {posted.Rejected} rejected");
        foreach (var result in posted.Results.Where(r => r.Status != "accepted"))
        {
            Out.WriteLine($"    #{result.Index} {result.Identifier}: {result.Status}{(result.Reason is null ? string.Empty : $": {result.Reason}: {result.Message}")}");
        }

        Out.WriteLine();
        Out.WriteLine($"demo 5/7: set an alert on {ThresholdDemo.Customer}'s spend, then push {ThresholdDemo.Customer} over its threshold; the app fires the alert and charges it through Stripe");
        var alerts = new AlertDemo(api, environment);
        var alert = await alerts.CreateAsync(after[ThresholdDemo.Customer], cancellationToken).ConfigureAwait(false);
        await new ThresholdDemo(api, environment).RunAsync(after[ThresholdDemo.Customer], cancellationToken).ConfigureAwait(false);
        if (alert is not null)
        {
            await alerts.ShowAsync(alert, cancellationToken).ConfigureAwait(false);
        }

        Out.WriteLine();
        Out.WriteLine($"demo 6/7: give {CapDemo.Customer} a spend cap and cross it; the answers, entitlements and an event say so");
        await new CapDemo(api, environment).RunAsync(cancellationToken).ConfigureAwait(false);

        Out.WriteLine();
        Out.WriteLine($"demo 7/7: preview the invoice that will close {ThresholdDemo.Customer}'s period, and where to see it all");
        var usage = await UsageCommand.ReadAsync(api, ThresholdDemo.Customer, cancellationToken).ConfigureAwait(false);
        await new PreviewDemo(api, environment, dashboard).RunAsync(usage.Subscriptions.FirstOrDefault(), cancellationToken).ConfigureAwait(false);

        Out.WriteLine();
        Out.WriteLine("demo done.");
        return ExitCodes.Ok;
    }

    /// <summary>One accepted event, its resend (duplicate), an event for a meter the customer is not subscribed to, and a negative value.</summary>
    private static JsonElement MeterEvents(DateTimeOffset now, string fileName)
    {
        var stamp = Path.GetFileNameWithoutExtension(fileName).Replace("sample-", "http-", StringComparison.Ordinal);
        var timestamp = now.ToUnixTimeSeconds();
        object[] events =
        [
            new { event_name = "compute_seconds", timestamp, identifier = $"{stamp}-1", payload = new { stripe_customer_id = "cus_A", value = "1800" } },
            new { event_name = "compute_seconds", timestamp, identifier = $"{stamp}-1", payload = new { stripe_customer_id = "cus_A", value = "1800" } },
            new { event_name = "compute_seconds", timestamp, identifier = $"{stamp}-2", payload = new { stripe_customer_id = "cus_C", value = "60" } },
            new { event_name = "storage_gb", timestamp, identifier = $"{stamp}-3", payload = new { stripe_customer_id = "cus_C", value = "-5" } },
            new { event_name = "active_users", timestamp, identifier = $"{stamp}-4", payload = new { stripe_customer_id = "cus_B", user_id = "u9" } },
        ];
        return JsonSerializer.SerializeToElement(events);
    }

    private void WritePosted(JsonElement events, MeterEventsResult posted)
    {
        var table = new TextTable(
            new TableColumn("#", RightAligned: true),
            new TableColumn("event"),
            new TableColumn("customer"),
            new TableColumn("identifier"),
            new TableColumn("status"),
            new TableColumn("reason"));
        foreach (var result in posted.Results)
        {
            var sent = events[result.Index];
            table.Add(
                result.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                sent.GetProperty("event_name").GetString()!,
                sent.GetProperty("payload").GetProperty("stripe_customer_id").GetString()!,
                result.Identifier ?? "-",
                result.Status,
                result.Reason ?? string.Empty);
        }

        table.WriteTo(Out);
        Out.WriteLine($"  {posted.Accepted} accepted, {posted.Duplicates} duplicate, {posted.Rejected} rejected");
    }

    /// <summary>Events per (customer, meter) the usage API must show: what it showed before, plus every accepted event of the current period.</summary>
    private static Dictionary<(string Customer, string Meter), long> Expected(
        IReadOnlyDictionary<string, CustomerUsage> before,
        SampleFile sample,
        JsonElement events,
        MeterEventsResult posted)
    {
        var expected = new Dictionary<(string, string), long>();
        foreach (var (customer, usage) in before)
        {
            foreach (var subscription in usage.Subscriptions)
            {
                foreach (var meter in subscription.Meters)
                {
                    expected[(customer, meter.Meter)] = meter.Events;
                }
            }
        }

        void Add(string customer, string meter, long timestamp)
        {
            var period = before[customer].Subscriptions.FirstOrDefault(s => s.Meters.Any(m => m.Meter == meter));
            if (period is not null && timestamp >= period.PeriodStart && timestamp < period.PeriodEnd)
            {
                expected[(customer, meter)] = expected.GetValueOrDefault((customer, meter)) + 1;
            }
        }

        foreach (var accepted in sample.Events.Where(e => e.Expected == SampleOutcome.Accepted))
        {
            Add(accepted.Customer, accepted.EventName, accepted.Timestamp);
        }

        foreach (var result in posted.Results.Where(r => r.Status == "accepted"))
        {
            var sent = events[result.Index];
            Add(sent.GetProperty("payload").GetProperty("stripe_customer_id").GetString()!, sent.GetProperty("event_name").GetString()!, sent.GetProperty("timestamp").GetInt64());
        }

        return expected;
    }

    private async Task<IReadOnlyDictionary<string, CustomerUsage>> WaitForAsync(
        IReadOnlyDictionary<(string Customer, string Meter), long> expected,
        CancellationToken cancellationToken)
    {
        var started = environment.Time.GetTimestamp();
        while (true)
        {
            var usage = await ReadUsageAsync(cancellationToken).ConfigureAwait(false);
            var missing = expected.Where(e => Events(usage, e.Key.Customer, e.Key.Meter) < e.Value).ToList();
            if (missing.Count == 0)
            {
                Out.WriteLine($"  visible after {environment.Time.GetElapsedTime(started).TotalSeconds:0.0} s");
                return usage;
            }

            if (environment.Time.GetElapsedTime(started) > VisibleTimeout)
            {
                var first = missing[0];
                throw new CliException(
                    ExitCodes.Failed,
                    $"usage did not show within {VisibleTimeout.TotalSeconds:0} s: {first.Key.Customer} {first.Key.Meter} has {Events(usage, first.Key.Customer, first.Key.Meter)} events, expected {first.Value}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, CustomerUsage>> ReadUsageAsync(CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, CustomerUsage>();
        foreach (var customer in Customers)
        {
            usage[customer] = await UsageCommand.ReadAsync(api, customer, cancellationToken).ConfigureAwait(false);
        }

        return usage;
    }

    private static long Events(IReadOnlyDictionary<string, CustomerUsage> usage, string customer, string meter) =>
        usage[customer].Subscriptions.SelectMany(s => s.Meters).Where(m => m.Meter == meter).Sum(m => m.Events);
}
