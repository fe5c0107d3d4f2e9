using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// <c>POST /v1/invoices/{id}/add_lines</c>: adds lines to a draft invoice, each a new invoice item
/// priced by <c>amount</c> (negative for a credit) or by <c>price_data</c> × <c>quantity</c>
/// (<see cref="ItemPricing"/>), and answers the invoice. All or nothing: every line is checked
/// before any is added. <c>invoice_metadata</c> updates the invoice's metadata as Stripe's metadata
/// updates do. Emits no event (<c>POST /v1/invoiceitems</c> does not either).
/// </summary>
internal sealed class InvoiceLineOperations(EmulatorStore store, InvoiceOperations invoices, TimeProvider time)
{
    /// <summary>
    /// Lines in one request. Stripe documents no limit for <c>add_lines</c>; the emulator takes 50, and
    /// the gateway sends chunks of at most that many.
    /// </summary>
    public const int MaxLinesPerRequest = 50;

    /// <summary>Stripe refuses more than 250 invoice items on one invoice (API changelog, 2016-02-22).</summary>
    public const int MaxLinesPerInvoice = 250;

    /// <summary>Stripe parameters of a line that the emulator does not model; refused with a message that says so.</summary>
    private static readonly string[] Unsupported = ["discounts", "invoice_item", "tax_amounts", "tax_rates"];

    public ApiResponse AddLines(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("lines", "invoice_metadata");
        var lines = p.Objects("lines");
        if (lines.Count == 0)
        {
            throw ApiRequestException.Invalid("Missing required param: lines.", "lines", ErrorCodes.ParameterMissing);
        }

        if (lines.Count > MaxLinesPerRequest)
        {
            throw ApiRequestException.Invalid(
                $"You passed {lines.Count} lines; the Stripe emulator adds at most {MaxLinesPerRequest} in one add_lines request. Split them over several requests.", "lines");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var requested = lines.Select(line => Parse(line, now)).ToList();
        lock (store.Gate)
        {
            var invoice = invoices.Find(request.Route("id"));
            if (invoice.Status != InvoiceStatus.Draft)
            {
                return ApiResponse.Error(StatusCodes.Status400BadRequest, new ApiError(
                    ErrorTypes.InvalidRequest,
                    $"Lines can only be added to draft invoices; {invoice.Id} is '{invoice.Status.ToWire()}'.",
                    ErrorCodes.InvoiceNotEditable));
            }

            var metadata = p.HasAny("invoice_metadata") ? p.MergedMetadata(invoice.Metadata, "invoice_metadata") : null;
            if (requested.FirstOrDefault(l => l.Currency is not null && l.Currency != invoice.Currency) is { } mismatched)
            {
                throw ApiRequestException.Invalid(
                    $"The currency {mismatched.Currency} does not match the invoice's currency {invoice.Currency}.", mismatched.CurrencyParam);
            }

            if (invoice.Lines.Count + requested.Count > MaxLinesPerInvoice)
            {
                throw ApiRequestException.Invalid(
                    $"An invoice can have at most {MaxLinesPerInvoice} invoice items; {invoice.Id} has {invoice.Lines.Count} and this request adds {requested.Count}.", "lines");
            }

            // Everything is checked: from here on nothing throws, so the request adds all its lines or none.
            foreach (var line in requested)
            {
                var item = new InvoiceItemRecord
                {
                    Id = IdGenerator.New("ii"),
                    LineId = IdGenerator.New("il"),
                    Sequence = store.NextSequence(),
                    CustomerId = invoice.CustomerId,
                    InvoiceId = invoice.Id,
                    Currency = invoice.Currency,
                    Amount = line.Amount,
                    Quantity = line.Quantity,
                    UnitAmountDecimal = line.UnitAmountDecimal,
                    Description = line.Description,
                    PeriodStart = line.PeriodStart,
                    PeriodEnd = line.PeriodEnd,
                    Date = now,
                    Metadata = line.Metadata,
                };
                store.InvoiceItems.Add(item.Id, item);
                invoice.Lines.Add(item);
                store.Changed(item);
            }

            store.Changed(invoice);

            if (metadata is not null)
            {
                invoice.Metadata.Clear();
                foreach (var (key, value) in metadata)
                {
                    invoice.Metadata[key] = value;
                }
            }

            return ApiResponse.Ok(invoices.Snapshot(invoice));
        }
    }

    private static LineRequest Parse(FormParameters line, long now)
    {
        foreach (var name in Unsupported)
        {
            if (line.HasAny(name))
            {
                throw ApiRequestException.Invalid($"The Stripe emulator does not support {line.Param(name)}.", line.Param(name));
            }
        }

        line.RejectUnknown("amount", "description", "discountable", "metadata", "period", "price_data", "pricing", "quantity", "quantity_decimal");
        var amount = line.Long("amount");
        var given = new[] { amount is not null, line.HasAny("price_data"), line.HasAny("pricing") }.Count(g => g);
        if (given == 0)
        {
            throw ApiRequestException.Invalid(
                $"Missing required param: one of {line.Param("amount")}, {line.Param("price_data")}, {line.Param("pricing")}.", line.Param("amount"), ErrorCodes.ParameterMissing);
        }

        if (given > 1)
        {
            throw ApiRequestException.Invalid("You may only specify one of these parameters: amount, price_data, pricing.", line.Param("amount"));
        }

        if (line.HasAny("pricing"))
        {
            // The emulator has no Price objects, so any price id is unknown, as it would be in an empty Stripe account.
            var pricing = line.Scope("pricing");
            pricing.RejectUnknown("price");
            var price = pricing.RequiredString("price");
            throw ApiRequestException.Missing("price", price, pricing.Param("price"));
        }

        string? currency = null;
        var currencyParam = line.Param("price_data[currency]");
        (decimal Quantity, decimal UnitAmount, long Amount) priced;
        if (amount is { } fixedAmount)
        {
            priced = ItemPricing.Fixed(line, fixedAmount);
        }
        else
        {
            var data = line.Scope("price_data");
            data.RejectUnknown("currency", "product", "product_data", "unit_amount", "unit_amount_decimal");
            currency = Currencies.Parse(data.RequiredString("currency"), currencyParam);
            if (data.HasAny("product_data"))
            {
                var product = data.Scope("product_data");
                product.RejectUnknown("name", "description", "metadata");
                product.RequiredString("name");
            }
            else
            {
                data.RequiredString("product");
            }

            var whole = data.Long("unit_amount");
            var fractional = data.Decimal("unit_amount_decimal");
            if ((whole is null) == (fractional is null))
            {
                throw ApiRequestException.Invalid(
                    "Give exactly one of these parameters: unit_amount, unit_amount_decimal.", data.Param("unit_amount"), whole is null ? ErrorCodes.ParameterMissing : null);
            }

            priced = ItemPricing.PerUnit(line, fractional ?? whole!.Value, data.Param(fractional is null ? "unit_amount" : "unit_amount_decimal"));
        }

        var (start, end) = ItemPricing.Period(line, now);
        return new LineRequest(priced.Amount, priced.Quantity, priced.UnitAmount, line.String("description"), start, end, line.Metadata(), currency, currencyParam);
    }
}
