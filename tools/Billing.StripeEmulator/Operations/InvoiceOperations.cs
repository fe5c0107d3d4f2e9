using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Resources;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Operations;

/// <summary><c>POST/GET /v1/invoices</c>, <c>GET /v1/invoices/{id}</c> and its lines.</summary>
internal sealed class InvoiceOperations(EmulatorStore store, CustomerOperations customers, EventPublisher events, TimeProvider time)
{
    public const string ChargeAutomatically = "charge_automatically";
    public const string SendInvoice = "send_invoice";

    public ApiResponse Create(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("customer", "currency", "auto_advance", "collection_method", "days_until_due", "pending_invoice_items_behavior", "metadata", "description", "subscription");
        var customerId = p.RequiredString("customer");
        var currency = Currencies.Parse(p.String("currency") ?? "usd", "currency");
        var collection = p.String("collection_method") ?? ChargeAutomatically;
        if (collection is not (ChargeAutomatically or SendInvoice))
        {
            throw ApiRequestException.Invalid($"Invalid collection_method: must be one of {ChargeAutomatically}, {SendInvoice}.", "collection_method");
        }

        var daysUntilDue = p.Long("days_until_due");
        if (collection == SendInvoice && daysUntilDue is null)
        {
            throw ApiRequestException.Invalid("Missing required param: days_until_due (required when collection_method is send_invoice).", "days_until_due", ErrorCodes.ParameterMissing);
        }

        var pending = p.String("pending_invoice_items_behavior") ?? "exclude";
        if (pending is not ("exclude" or "include"))
        {
            throw ApiRequestException.Invalid("Invalid pending_invoice_items_behavior: must be one of exclude, include.", "pending_invoice_items_behavior");
        }

        var autoAdvance = p.Bool("auto_advance") ?? false;
        var metadata = p.Metadata();
        lock (store.Gate)
        {
            var customer = customers.Find(customerId, "customer");
            var invoice = new InvoiceRecord
            {
                Id = IdGenerator.New("in"),
                Sequence = store.NextSequence(),
                CustomerId = customer.Id,
                Currency = currency,
                Created = time.GetUtcNow().ToUnixTimeSeconds(),
                CollectionMethod = collection,
                AutoAdvance = autoAdvance,
                Description = p.String("description"),
                SubscriptionId = p.String("subscription"),
                Metadata = metadata,
            };
            if (pending == "include")
            {
                foreach (var item in store.InvoiceItems.Values.Where(i => i.InvoiceId is null && i.CustomerId == customer.Id && i.Currency == currency).OrderBy(i => i.Sequence))
                {
                    item.InvoiceId = invoice.Id;
                    invoice.Lines.Add(item);
                    store.Changed(item);
                }
            }

            store.Invoices.Add(invoice.Id, invoice);
            store.Changed(invoice);
            var snapshot = Snapshot(invoice);
            events.Publish(EventTypes.InvoiceCreated, snapshot, request.Context);
            return ApiResponse.Ok(snapshot);
        }
    }

    public ApiResponse Retrieve(ApiRequest request)
    {
        request.Parameters.RejectUnknown();
        lock (store.Gate)
        {
            return ApiResponse.Ok(Snapshot(Find(request.Route("id"))));
        }
    }

    public ApiResponse List(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("customer", "status", "subscription", "collection_method", "limit", "starting_after", "ending_before");
        var customer = p.String("customer");
        var subscription = p.String("subscription");
        var collection = p.String("collection_method");
        InvoiceStatus? status = null;
        if (p.String("status") is { } statusText)
        {
            status = InvoiceStatuses.TryParse(statusText, out var parsed)
                ? parsed
                : throw ApiRequestException.Invalid($"Invalid status: must be one of draft, open, paid, uncollectible, void.", "status");
        }

        lock (store.Gate)
        {
            var matching = store.Invoices.Values
                .Where(i => (customer is null || i.CustomerId == customer) &&
                            (status is null || i.Status == status) &&
                            (subscription is null || i.SubscriptionId == subscription) &&
                            (collection is null || i.CollectionMethod == collection))
                .OrderByDescending(i => i.Sequence)
                .ToList();
            return ApiResponse.Ok(Pages.Page(matching, i => i.Id, Snapshot, p, "/v1/invoices", "invoice"));
        }
    }

    public ApiResponse Lines(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("limit", "starting_after", "ending_before");
        lock (store.Gate)
        {
            var invoice = Find(request.Route("id"));
            return ApiResponse.Ok(Pages.Page(invoice.Lines, l => l.LineId, l => LineItemResource.From(l, invoice), p, $"/v1/invoices/{invoice.Id}/lines", "line item"));
        }
    }

    /// <summary>The invoice; throws 404 <c>resource_missing</c>. Hold the gate.</summary>
    public InvoiceRecord Find(string id, string param = "id") =>
        store.Invoices.TryGetValue(id, out var invoice) ? invoice : throw ApiRequestException.Missing("invoice", id, param);

    /// <summary>The invoice as Stripe shows it now. Hold the gate.</summary>
    public InvoiceResource Snapshot(InvoiceRecord invoice) => InvoiceResource.From(invoice, store.Customers[invoice.CustomerId]);
}
