using System.Text.RegularExpressions;

namespace Billing.Storage;

/// <summary>
/// Names of the tables, containers and queues the app uses (settings section <c>Storage</c>).
/// <see cref="Prefix"/> is empty in production; handler tests set a unique one to share an
/// account. The functions' trigger attributes name the unprefixed container and queues, so tests
/// that go through the triggers use an account of their own instead.
/// </summary>
public sealed partial class StorageNames
{
    public const string Section = "Storage";

    /// <summary>Lower-case letters and digits, starting with a letter; empty by default.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Table of usage aggregates and dedup chunks.</summary>
    public string UsageTable => Prefix + "usage";

    /// <summary>Container watched for usage files.</summary>
    public string UsageContainer => Prefix + "usage";

    /// <summary>Container of <c>&lt;path&gt;.errors.jsonl</c> and <c>&lt;path&gt;.summary.json</c> per usage file.</summary>
    public string RejectsContainer => Prefix + "usage-rejects";

    /// <summary>Queue of subscriptions whose usage changed: CheckThreshold compares them with their threshold.</summary>
    public string ThresholdChecksQueue => Prefix + "threshold-checks";

    /// <summary>Queue of invoice-run requests (threshold and cycle), advanced by the workflow functions.</summary>
    public string InvoiceRunsQueue => Prefix + "invoice-runs";

    /// <summary>Table of invoices with their runs' state, each subscription's run lock and the ledger of what invoices billed (docs/invoicing.md).</summary>
    public string InvoicesTable => Prefix + "invoices";

    /// <summary>Table of Stripe webhook events already applied, by event id.</summary>
    public string WebhookEventsTable => Prefix + "webhookevents";

    /// <summary>Table of the registered webhook endpoints, with their signing secrets (docs/contracts.md §8).</summary>
    public string WebhookEndpointsTable => Prefix + "webhookendpoints";

    /// <summary>Table of every outbound event with its deliveries and their attempts (docs/contracts.md §8).</summary>
    public string OutboundEventsTable => Prefix + "outboundevents";

    /// <summary>Queue of delivery attempts of outbound events, run by DeliverWebhook.</summary>
    public string WebhookDeliveriesQueue => Prefix + "webhook-deliveries";

    /// <summary>Table of alert rules and the periods they fired in, partitioned by subscription (docs/contracts.md §10).</summary>
    public string AlertsTable => Prefix + "alerts";

    /// <summary>Table of disagreements between our invoices and Stripe's.</summary>
    public string DriftTable => Prefix + "drift";

    /// <summary>Table of invoices that left lines out because their price is beyond the line bound.</summary>
    public string IncidentsTable => Prefix + "incidents";

    /// <summary>Table of each subscription's closed periods (what ClosePeriods has handed to invoicing).</summary>
    public string ClosesTable => Prefix + "closes";

    /// <summary>Table of the spend caps set at run time, one row per subscription (docs/contracts.md §9).</summary>
    public string SpendCapsTable => Prefix + "spendcaps";

    /// <summary>Table of the test clock's frozen time (only with <c>Billing:TestClock</c> on).</summary>
    public string TestClockTable => Prefix + "testclock";

    public void Validate()
    {
        if (Prefix.Length > 0 && !ValidPrefix().IsMatch(Prefix))
        {
            throw new InvalidOperationException($"Storage:Prefix '{Prefix}' must be lower-case letters and digits, starting with a letter, at most 30 characters.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,29}$")]
    private static partial Regex ValidPrefix();
}
