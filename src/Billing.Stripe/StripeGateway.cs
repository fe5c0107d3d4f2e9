using System.Globalization;
using System.Net;
using Billing.Domain.Invoicing;
using Stripe;

namespace Billing.Stripe;

/// <summary>
/// The Stripe operations of the invoicing workflow, one method each. Every write takes an
/// idempotency key the caller derives from its run id and step (<see cref="IdempotencyKeys.For"/>),
/// sent as <c>Idempotency-Key</c>, so Stripe.net's own retries (429, 5xx, network) and a re-run of
/// the workflow cannot create a second object. Rate limiting sits in the client's HTTP pipeline
/// (<see cref="StripeClientFactory"/>). <see cref="StripeException"/>s other than card errors propagate (STYLE rule 11).
/// </summary>
public sealed class StripeGateway
{
    internal const string RequiresActionCode = "invoice_payment_intent_requires_action";

    private readonly CustomerService customers;
    private readonly InvoiceService invoices;
    private readonly InvoiceItemService items;
    private readonly InvoiceLineItemService lines;
    private readonly ILogger<StripeGateway> logger;

    public StripeGateway(IStripeClient client, ILogger<StripeGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        customers = new CustomerService(client);
        invoices = new InvoiceService(client);
        items = new InvoiceItemService(client);
        lines = new InvoiceLineItemService(client);
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

    /// <summary>Creates the draft invoice (charge automatically, not auto-advanced, no pending items swept in); returns its Stripe id.</summary>
    public async Task<string> CreateDraftInvoiceAsync(InvoiceDraft draft, string runId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var options = new InvoiceCreateOptions
        {
            Customer = draft.CustomerId,
            Currency = draft.Currency.Code,
            CollectionMethod = "charge_automatically",
            AutoAdvance = false,
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = new Dictionary<string, string>
            {
                ["run_id"] = runId,
                ["subscription"] = draft.SubscriptionId,
                ["billing_reason"] = draft.Reason.ToString(),
                ["period_start"] = Iso(draft.Period.Start),
                ["period_end"] = Iso(draft.Period.End),
            },
        };
        var invoice = await invoices.CreateAsync(options, Request(idempotencyKey), cancellationToken).ConfigureAwait(false);
        GatewayLog.DraftCreated(logger, invoice.Id, draft.SubscriptionId, draft.Reason.ToString(), runId);
        return invoice.Id;
    }

    /// <summary>Adds one line as an invoice item of <paramref name="amount"/> (negative for a credit); returns the item id.</summary>
    public async Task<string> AddLineAsync(
        string stripeInvoiceId,
        string customerId,
        string currency,
        InvoiceLine line,
        string runId,
        int lineNumber,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfNegative(lineNumber);
        var metadata = new Dictionary<string, string>
        {
            ["run_id"] = runId,
            ["line"] = lineNumber.ToString(CultureInfo.InvariantCulture),
            ["price"] = line.PriceId,
        };
        if (line.MeterId is not null)
        {
            metadata["meter"] = line.MeterId;
        }

        var options = new InvoiceItemCreateOptions
        {
            Customer = customerId,
            Invoice = stripeInvoiceId,
            Currency = currency,
            Amount = line.AmountMinor,
            Description = Describe(line),
            Period = new InvoiceItemPeriodOptions { Start = line.Period.Start.UtcDateTime, End = line.Period.End.UtcDateTime },
            Metadata = metadata,
        };
        var item = await items.CreateAsync(options, Request(idempotencyKey), cancellationToken).ConfigureAwait(false);
        GatewayLog.LineAdded(logger, item.Id, stripeInvoiceId, lineNumber, line.AmountMinor, currency);
        return item.Id;
    }

    /// <summary>Overload taking the customer and currency from the draft.</summary>
    public Task<string> AddLineAsync(string stripeInvoiceId, InvoiceDraft draft, InvoiceLine line, string runId, int lineNumber, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return AddLineAsync(stripeInvoiceId, draft.CustomerId, draft.Currency.Code, line, runId, lineNumber, idempotencyKey, cancellationToken);
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

    /// <summary>The invoice with all its line amounts, for reconciliation.</summary>
    public async Task<StripeInvoiceSnapshot> GetInvoiceAsync(string stripeInvoiceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeInvoiceId);
        var invoice = await invoices.GetAsync(stripeInvoiceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SnapshotAsync(invoice, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StripeInvoiceSnapshot> SnapshotAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var amounts = new List<long>();
        if (invoice.Lines is { HasMore: false } page)
        {
            amounts.AddRange(page.Data.Select(l => l.Amount));
        }
        else
        {
            var all = lines.ListAutoPagingAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = 100 }, cancellationToken: cancellationToken);
            await foreach (var l in all.ConfigureAwait(false))
            {
                amounts.Add(l.Amount);
            }
        }

        return new StripeInvoiceSnapshot(
            invoice.Id,
            invoice.Status,
            invoice.Total,
            invoice.AmountDue,
            invoice.AmountPaid,
            amounts,
            invoice.Metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(invoice.Metadata));
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

    private static string Describe(InvoiceLine line) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{line.PriceId}{(line.MeterId is null ? "" : $" · {line.MeterId}")} · qty {line.Quantity} · {line.Period.Start:yyyy-MM-dd}–{line.Period.End:yyyy-MM-dd}");

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
