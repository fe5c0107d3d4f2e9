using System.Globalization;
using System.Net;
using Billing.Domain.Invoicing;
using Stripe;
using Invoice = Stripe.Invoice;

namespace Billing.Stripe;

/// <summary>
/// The Stripe operations of the invoicing workflow, one method each. Every write takes an
/// idempotency key the caller derives from its invoice id and step (<see cref="IdempotencyKeys.For"/>),
/// sent as <c>Idempotency-Key</c>, so Stripe.net's own retries (429, 5xx, network) and a re-run of
/// the workflow cannot create a second object. Rate limiting sits in the client's HTTP pipeline
/// (<see cref="StripeClientFactory"/>). <see cref="StripeException"/>s other than card errors propagate (STYLE rule 11).
/// </summary>
internal sealed class StripeGateway
{
    /// <summary>
    /// Lines in one <c>add_lines</c> request. Stripe documents no limit for it; 50 is what the emulator
    /// accepts. (Stripe does limit an invoice to 250 invoice items.)
    /// </summary>
    public const int MaxLinesPerRequest = 50;

    internal const string RequiresActionCode = "invoice_payment_intent_requires_action";

    /// <summary>Stripe's largest page.</summary>
    private const int PageSize = 100;

    private readonly CustomerService customers;
    private readonly InvoiceService invoices;
    private readonly InvoiceLineItemService lines;
    private readonly EventService events;
    private readonly ILogger<StripeGateway> logger;

    public StripeGateway(IStripeClient client, ILogger<StripeGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        customers = new CustomerService(client);
        invoices = new InvoiceService(client);
        lines = new InvoiceLineItemService(client);
        events = new EventService(client);
        this.logger = logger;
    }

    /// <summary>Checks that the customer exists; Stripe cannot create a customer with a chosen id, so a missing one is reported, not created.</summary>
    public async Task<CustomerStatus> EnsureCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        CustomerStatus status;
        try
        {
            var customer = await customers.GetAsync(customerId, cancellationToken: cancellationToken).ConfigureAwait(false);
            status = customer.Deleted == true ? CustomerStatus.Deleted : CustomerStatus.Found;
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            status = CustomerStatus.Missing;
        }

        if (status != CustomerStatus.Found)
        {
            GatewayLog.CustomerNotUsable(logger, customerId, status);
        }

        return status;
    }

    /// <summary>
    /// Creates the draft invoice (charge automatically, not auto-advanced, no pending items swept in)
    /// with metadata <c>invoice_id</c>, <c>subscription</c>, <c>billing_reason</c>, <c>period_start</c>,
    /// <c>period_end</c>; returns its Stripe id.
    /// </summary>
    public async Task<string> CreateDraftInvoiceAsync(StripeDraft draft, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.InvoiceId);
        var options = new InvoiceCreateOptions
        {
            Customer = draft.CustomerId,
            Currency = draft.Currency,
            CollectionMethod = "charge_automatically",
            AutoAdvance = false,
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = new Dictionary<string, string>
            {
                ["invoice_id"] = draft.InvoiceId,
                ["subscription"] = draft.SubscriptionId,
                ["billing_reason"] = draft.Reason.ToWire(),
                ["period_start"] = Iso(draft.Period.Start),
                ["period_end"] = Iso(draft.Period.End),
            },
        };
        var invoice = await invoices.CreateAsync(options, Request(idempotencyKey), cancellationToken).ConfigureAwait(false);
        GatewayLog.DraftCreated(logger, invoice.Id, draft.SubscriptionId, draft.Reason.ToWire(), draft.InvoiceId);
        return invoice.Id;
    }

    /// <summary>
    /// Adds <paramref name="lines"/> to the draft with <c>POST /v1/invoices/{id}/add_lines</c>, in as few
    /// requests as <see cref="MaxLinesPerRequest"/> allows. Each line is an amount in minor units (negative for
    /// a credit) in the invoice's currency, with a description, its period and metadata <c>invoice_id</c>,
    /// <c>line</c> (its index in <paramref name="lines"/>), <c>price</c> and, for usage, <c>meter</c>.
    /// Chunk <c>c</c> holds lines <c>[50c, 50c + 50)</c> and is sent with <c>idempotencyKeyForChunk(c)</c>, so
    /// a repeated call (same lines, same keys) replays every chunk that was added and adds the rest; a crash
    /// between chunks leaves whole chunks, never part of one. Returns the invoice after the last chunk.
    /// </summary>
    /// <param name="lines">The draft's lines in order, at least one (a draft with no lines is not sent to Stripe).</param>
    /// <param name="idempotencyKeyForChunk">A distinct key per chunk index, e.g. <c>c => IdempotencyKeys.For(invoiceId, $"lines-{c}")</c>.</param>
    public async Task<StripeInvoiceSnapshot> AddLinesAsync(
        string stripeInvoiceId,
        IReadOnlyList<StripeLine> lines,
        string invoiceId,
        Func<int, string> idempotencyKeyForChunk,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        ArgumentNullException.ThrowIfNull(idempotencyKeyForChunk);
        if (lines.Count == 0)
        {
            throw new ArgumentException("There are no lines to add; a draft with no lines is not sent to Stripe.", nameof(lines));
        }

        // Every chunk and key is built before the first request, so a bad argument sends nothing.
        var chunks = new List<(InvoiceAddLinesOptions Options, RequestOptions Request)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var first = 0; first < lines.Count; first += MaxLinesPerRequest)
        {
            var request = Request(idempotencyKeyForChunk(chunks.Count));
            if (!keys.Add(request.IdempotencyKey))
            {
                throw new ArgumentException($"Chunk {chunks.Count} has the same idempotency key as an earlier chunk; each chunk needs its own.", nameof(idempotencyKeyForChunk));
            }

            var options = new InvoiceAddLinesOptions
            {
                Lines = [.. lines.Skip(first).Take(MaxLinesPerRequest).Select((line, i) => LineOptions(line, first + i, invoiceId))],
            };
            chunks.Add((options, request));
        }

        Invoice? invoice = null;
        foreach (var (options, request) in chunks)
        {
            invoice = await invoices.AddLinesAsync(stripeInvoiceId, options, request, cancellationToken).ConfigureAwait(false);
        }

        GatewayLog.LinesAdded(logger, invoice!.Id, lines.Count, chunks.Count, invoice.Total);
        return await SnapshotAsync(invoice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finalizes the draft (draft → open, or paid when the total is zero).</summary>
    public async Task<StripeInvoiceSnapshot> FinalizeAsync(string stripeInvoiceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        var invoice = await invoices.FinalizeInvoiceAsync(
            stripeInvoiceId, new InvoiceFinalizeOptions { AutoAdvance = false }, Request(idempotencyKey), cancellationToken).ConfigureAwait(false);
        GatewayLog.Finalized(logger, invoice.Id, invoice.Status, invoice.Total);
        return await SnapshotAsync(invoice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Charges the customer's default payment method. Card declines and authentication requests are outcomes, not exceptions.</summary>
    public async Task<PaymentResult> PayAsync(string stripeInvoiceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        try
        {
            var invoice = await invoices.PayAsync(stripeInvoiceId, new InvoicePayOptions(), Request(idempotencyKey), cancellationToken).ConfigureAwait(false);
            GatewayLog.Paid(logger, invoice.Id, invoice.AmountPaid);
            return new PaymentResult.Paid(invoice.AmountPaid);
        }
        catch (StripeException e) when (e.StripeError?.Code == RequiresActionCode)
        {
            GatewayLog.NotPaid(logger, stripeInvoiceId, "requires_action", e.StripeError.Code);
            return new PaymentResult.RequiresAction(e.StripeError.Message ?? e.StripeError.Code);
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error" || e.HttpStatusCode == HttpStatusCode.PaymentRequired)
        {
            var reason = e.StripeError?.DeclineCode ?? e.StripeError?.Code ?? "declined";
            GatewayLog.NotPaid(logger, stripeInvoiceId, "declined", e.StripeError?.Code);
            return new PaymentResult.Declined(reason);
        }
    }

    /// <summary>The invoice with all its lines, for reconciliation.</summary>
    public async Task<StripeInvoiceSnapshot> GetInvoiceAsync(string stripeInvoiceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        var invoice = await invoices.GetAsync(stripeInvoiceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SnapshotAsync(invoice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The account's events created at or after <paramref name="since"/> (all that Stripe keeps, 30 days,
    /// when null), oldest first, every page read: for catching up on webhooks that were missed. Stripe
    /// filters by whole seconds, so events of <paramref name="since"/>'s second come back even if they
    /// were seen before; an event created while the pages are read is left for the next call. Callers
    /// deduplicate by event id.
    /// </summary>
    public async Task<IReadOnlyList<Event>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var options = new EventListOptions { Limit = PageSize };
        if (since is { } from)
        {
            options.Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime };
        }

        // Stripe lists newest first; read every page, then turn the list around.
        var listed = new List<Event>();
        await foreach (var stripeEvent in events.ListAutoPagingAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            listed.Add(stripeEvent);
        }

        listed.Reverse();
        GatewayLog.EventsListed(logger, since, listed.Count);
        return listed;
    }

    private async Task<StripeInvoiceSnapshot> SnapshotAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var snapshots = new List<StripeLineSnapshot>();
        if (invoice.Lines is { HasMore: false } page)
        {
            snapshots.AddRange(page.Data.Select(Snapshot));
        }
        else
        {
            var all = lines.ListAutoPagingAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = PageSize }, cancellationToken: cancellationToken);
            await foreach (var line in all.ConfigureAwait(false))
            {
                snapshots.Add(Snapshot(line));
            }
        }

        return new StripeInvoiceSnapshot(
            invoice.Id,
            invoice.CustomerId,
            invoice.Status,
            invoice.Total,
            invoice.AmountDue,
            invoice.AmountPaid,
            invoice.AttemptCount,
            snapshots,
            Copy(invoice.Metadata),
            invoice.HostedInvoiceUrl);
    }

    private static StripeLineSnapshot Snapshot(InvoiceLineItem line) => new(line.Id, line.Amount, Copy(line.Metadata));

    private static Dictionary<string, string> Copy(Dictionary<string, string>? metadata) =>
        metadata is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(metadata, StringComparer.Ordinal);

    private static InvoiceLineOptions LineOptions(StripeLine line, int lineNumber, string invoiceId)
    {
        var metadata = new Dictionary<string, string>
        {
            ["invoice_id"] = invoiceId,
            ["line"] = lineNumber.ToString(CultureInfo.InvariantCulture),
            ["price"] = line.PriceId,
        };
        if (line.MeterId is not null)
        {
            metadata["meter"] = line.MeterId;
        }

        return new InvoiceLineOptions
        {
            Amount = line.AmountMinor,
            Description = Describe(line),
            Period = new InvoiceLinePeriodOptions { Start = line.Period.Start.UtcDateTime, End = line.Period.End.UtcDateTime },
            Metadata = metadata,
        };
    }

    private static RequestOptions Request(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (idempotencyKey.Length > IdempotencyKeys.MaxLength)
        {
            throw new ArgumentException($"An idempotency key is at most {IdempotencyKeys.MaxLength} characters.", nameof(idempotencyKey));
        }

        return new RequestOptions { IdempotencyKey = idempotencyKey };
    }

    private static string Describe(StripeLine line) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{line.PriceId}{(line.MeterId is null ? "" : $" · {line.MeterId}")} · qty {line.Quantity} · {line.Period.Start:yyyy-MM-dd}–{line.Period.End:yyyy-MM-dd}");

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
