using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Ports;
using Billing.Domain.Usage;
using Billing.Storage.Ledger;
using Billing.Storage.Queues;

namespace Billing.Storage.Invoices;

/// <summary>
/// Table <c>invoices</c>: per customer partition, the invoices (with their runs' state), one run
/// lock per subscription and the ledger (<see cref="BilledUsageStore"/>). Starting a run (lock
/// taken + invoice inserted), recording it (ledger + step) and completing it (invoice updated +
/// lock released) are each one entity-group transaction guarded by ETags, so at most one run per
/// subscription is ever in flight and only that run writes its subscription's ledger.
/// </summary>
public sealed class InvoiceStore : IInvoiceStore
{
    private const string LockPrefix = "sub|";
    private const string KindInvoice = "invoice";
    private const string KindLock = "lock";
    private readonly TableClient table;
    private readonly BilledUsageStore ledger;

    public InvoiceStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.InvoicesTable);
        ledger = new BilledUsageStore(tables, names);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<RunLock> ReadLockAsync(string customer, string subscription, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer, LockPrefix + subscription, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity
            ? new RunLock(
                customer,
                subscription,
                entity.GetString("ActiveInvoice") is { Length: > 0 } active ? active : null,
                entity.GetInt64("Runs") ?? 0,
                entity.GetDateTimeOffset("LastThresholdAt"),
                entity.ETag.ToString())
            {
                Waiting = QueueMessages.ReadWaiting(entity.GetString("Waiting")),
            }
            : new RunLock(customer, subscription, null, 0, null, null);
    }

    /// <summary>
    /// Takes the lock for <paramref name="invoice"/> and inserts it, atomically. Returns the invoice
    /// as stored (with its version), or null when the lock changed since <paramref name="free"/> was
    /// read or the invoice already exists (re-read and decide again).
    /// </summary>
    public async Task<Invoice?> TryStartAsync(RunLock free, Invoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(free);
        ArgumentNullException.ThrowIfNull(invoice);
        if (free.ActiveInvoice is not null)
        {
            throw new InvalidOperationException($"Subscription {free.Subscription} already has run {free.ActiveInvoice} in flight.");
        }

        var lastThresholdAt = invoice.Reason == BillingReason.SubscriptionThreshold ? invoice.CreatedAt : free.LastThresholdAt;
        // A free lock has no waiting requests (the completion handed them on); any there stay for the next completion.
        var lockRow = LockEntity(free with { ActiveInvoice = invoice.Id, Runs = free.Runs + 1, LastThresholdAt = lastThresholdAt });
        TableTransactionAction takeLock = free.Version is { } version
            ? new(TableTransactionActionType.UpdateReplace, lockRow, new ETag(version))
            : new(TableTransactionActionType.Add, lockRow);
        var responses = await TrySubmitAsync([takeLock, new(TableTransactionActionType.Add, ToEntity(invoice))], cancellationToken).ConfigureAwait(false);
        return responses is null ? null : invoice with { Version = VersionOf(responses[1]) };
    }

    public async Task<bool> TryWaitAsync(RunLock busy, InvoiceRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentNullException.ThrowIfNull(request);
        if (busy.ActiveInvoice is null || busy.Version is not { } version)
        {
            throw new InvalidOperationException($"Subscription {busy.Subscription} has no run in flight for {request.Reason} to wait for.");
        }

        var waiting = busy.Waiting.Contains(request) ? busy.Waiting : [.. busy.Waiting, request];
        try
        {
            await table.UpdateEntityAsync(LockEntity(busy with { Waiting = waiting }), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<Invoice?> GetAsync(string customer, string invoiceId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer, invoiceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity && entity.GetString("Kind") == KindInvoice ? FromEntity(entity) : null;
    }

    /// <summary>Writes <paramref name="invoice"/> if its row still has <see cref="Invoice.Version"/>; returns it with its new version, or null when it changed meanwhile.</summary>
    public async Task<Invoice?> TryReplaceAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(invoice), ETagOf(invoice), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return invoice with { Version = VersionOf(response) };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored invoice and writes it, re-reading and
    /// re-applying when the row changed meanwhile (a webhook, another driver of the run), so the
    /// change must be a function of the row alone. Returns the row as written (or as found, when
    /// the change leaves it as it is).
    /// </summary>
    public async Task<Invoice> UpdateAsync(Invoice invoice, Func<Invoice, Invoice> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(change);
        var current = invoice;
        while (true)
        {
            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            if (await TryReplaceAsync(changed, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            current = await GetAsync(invoice.Customer, invoice.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Invoice {invoice.Customer}/{invoice.Id} disappeared.");
        }
    }

    /// <summary>
    /// Records in the ledger what <paramref name="invoice"/> billed — per line, the cumulative
    /// quantity and amount of its price and period, as absolute values — and moves its run to
    /// <see cref="RunStep.Recorded"/>, in one transaction that fails if the invoice row or a ledger
    /// row changed since it was read. A driver holding a stale copy (another driver recorded the run
    /// already, and a later run may have recorded more since) therefore writes nothing: the ledger
    /// never goes back. Returns the invoice as stored afterwards.
    /// </summary>
    public async Task<Invoice> RecordAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var current = invoice;
        while (current.Step < RunStep.Recorded)
        {
            var recorded = current with { Step = RunStep.Recorded };
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, ToEntity(recorded), ETagOf(current))];
            foreach (var period in current.Lines.GroupBy(l => (l.PeriodStart, l.PeriodEnd)))
            {
                var partition = new UsagePartition(
                    current.Subscription,
                    new BillingPeriod(DateTimeOffset.FromUnixTimeSeconds(period.Key.PeriodStart), DateTimeOffset.FromUnixTimeSeconds(period.Key.PeriodEnd)));
                var row = await ledger.ReadRowAsync(current.Customer, partition, cancellationToken).ConfigureAwait(false);
                actions.Add(row.Write(period.Select(l => (l.Price, new BilledToDate(l.CumulativeQuantity, l.CumulativeAmount)))));
            }

            if (await TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false) is { } responses)
            {
                return recorded with { Version = VersionOf(responses[0]) };
            }

            current = await GetAsync(current.Customer, current.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Invoice {current.Customer}/{current.Id} disappeared.");
        }

        return current;
    }

    /// <summary>
    /// Writes the completed <paramref name="invoice"/> and releases the subscription's lock, atomically.
    /// False when either row changed since it was read (re-read both and try again).
    /// </summary>
    public async Task<bool> TryCompleteAsync(Invoice invoice, RunLock held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(held);
        if (held.ActiveInvoice != invoice.Id || held.Version is not { } lockVersion)
        {
            throw new InvalidOperationException($"Run {invoice.Id} does not hold the lock of {held.Subscription} (held by {held.ActiveInvoice ?? "nobody"}).");
        }

        return await TrySubmitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, ToEntity(invoice), ETagOf(invoice)),
                new(TableTransactionActionType.UpdateReplace, LockEntity(held with { ActiveInvoice = null, Waiting = [] }), new ETag(lockVersion)),
            ],
            cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>A customer's invoices, or everyone's when <paramref name="customer"/> is null, in key order.</summary>
    public IAsyncEnumerable<Invoice> ListAsync(string? customer, CancellationToken cancellationToken)
    {
        var filter = customer is null
            ? TableClient.CreateQueryFilter($"Kind eq {KindInvoice}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {customer} and Kind eq {KindInvoice}");
        return QueryAsync(filter, cancellationToken);
    }

    /// <summary>Invoices whose run is in flight or whose status is not final yet: what reconciliation re-reads.</summary>
    public IAsyncEnumerable<Invoice> ListUnsettledAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            TableClient.CreateQueryFilter($"Kind eq {KindInvoice} and (Step ne {nameof(RunStep.Completed)} or Status eq {"open"} or Status eq {"uncollectible"} or Status eq {"draft"})"),
            cancellationToken);

    private async IAsyncEnumerable<Invoice> QueryAsync(string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(row);
        }
    }

    /// <returns>Each action's response, or null when an ETag or an insert conflicted.</returns>
    private async Task<IReadOnlyList<Response>?> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    private static string VersionOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage answered without an ETag.");

    // An invoice never stored has no version; the write then matches any row, as it did with a default ETag.
    private static ETag ETagOf(Invoice invoice) => invoice.Version is { } version ? new ETag(version) : default;

    private static TableEntity LockEntity(RunLock runLock) =>
        new(runLock.Customer, LockPrefix + runLock.Subscription)
        {
            ["Kind"] = KindLock,
            ["ActiveInvoice"] = runLock.ActiveInvoice ?? string.Empty,
            ["Runs"] = runLock.Runs,
            ["LastThresholdAt"] = runLock.LastThresholdAt,
            ["Waiting"] = runLock.Waiting.Count == 0 ? null : QueueMessages.WriteWaiting(runLock.Waiting),
        };

    private static TableEntity ToEntity(Invoice invoice) => new(invoice.Customer, invoice.Id)
    {
        ["Kind"] = KindInvoice,
        ["Subscription"] = invoice.Subscription,
        ["Reason"] = invoice.Reason.ToWire(),
        ["PeriodStart"] = invoice.PeriodStart,
        ["PeriodEnd"] = invoice.PeriodEnd,
        ["Currency"] = invoice.Currency,
        ["Lines"] = JsonSerializer.Serialize([.. invoice.Lines.Select(StoredInvoiceLine.From)], InvoiceLineJson.Default.IReadOnlyListStoredInvoiceLine),
        ["Total"] = invoice.Total,
        ["Status"] = invoice.Status.ToWire(),
        ["Step"] = invoice.Step.ToString(),
        ["StripeInvoiceId"] = invoice.StripeInvoiceId,
        ["PaymentAttempts"] = invoice.PaymentAttempts,
        ["LastPaymentError"] = invoice.LastPaymentError,
        ["LastPaymentAttemptAt"] = invoice.LastPaymentAttemptAt,
        ["CreatedAt"] = invoice.CreatedAt,
        ["StripeGeneration"] = invoice.StripeGeneration,
        ["SupersededStripeInvoiceId"] = invoice.SupersededStripeInvoiceId,
        ["HostedInvoiceUrl"] = invoice.HostedInvoiceUrl,
    };

    private static Invoice FromEntity(TableEntity row)
    {
        var reason = row.GetString("Reason");
        var status = row.GetString("Status");
        if (!BillingReasons.TryParse(reason, out var parsedReason) || !InvoiceStatuses.TryParse(status, out var parsedStatus) ||
            !Enum.TryParse<RunStep>(row.GetString("Step"), out var step))
        {
            throw new InvalidDataException($"Invoice row {row.PartitionKey}/{row.RowKey} has an unknown reason '{reason}', status '{status}' or step.");
        }

        return new Invoice(
            row.RowKey,
            row.PartitionKey,
            row.GetString("Subscription") ?? throw new InvalidDataException($"Invoice row {row.RowKey} has no subscription."),
            parsedReason,
            row.GetInt64("PeriodStart") ?? 0,
            row.GetInt64("PeriodEnd") ?? 0,
            row.GetString("Currency") ?? string.Empty,
            [.. (JsonSerializer.Deserialize(row.GetString("Lines") ?? "[]", InvoiceLineJson.Default.IReadOnlyListStoredInvoiceLine) ?? []).Select(l => l.ToLine())],
            parsedStatus,
            step,
            row.GetString("StripeInvoiceId"),
            row.GetInt32("PaymentAttempts") ?? 0,
            row.GetString("LastPaymentError"),
            row.GetDateTimeOffset("LastPaymentAttemptAt"),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
            row.ETag.ToString())
        {
            UpdatedAt = row.Timestamp ?? row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
            StripeGeneration = row.GetInt32("StripeGeneration") ?? 1,
            SupersededStripeInvoiceId = row.GetString("SupersededStripeInvoiceId"),
            HostedInvoiceUrl = row.GetString("HostedInvoiceUrl"),
        };
    }
}
