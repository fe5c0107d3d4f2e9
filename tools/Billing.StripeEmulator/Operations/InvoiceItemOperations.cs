using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Resources;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// <c>POST /v1/invoiceitems</c>: an item priced either by <c>amount</c> (integer minor units) or by
/// <c>unit_amount_decimal</c> × <c>quantity</c> (or <c>quantity_decimal</c>), see <see cref="ItemPricing"/>. With <c>invoice</c> it becomes a
/// line of that draft invoice; without, it waits for the customer's next invoice that includes
/// pending items.
/// </summary>
internal sealed class InvoiceItemOperations(EmulatorStore store, CustomerOperations customers, InvoiceOperations invoices, TimeProvider time)
{
    public ApiResponse Create(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("customer", "invoice", "currency", "amount", "quantity", "quantity_decimal", "unit_amount_decimal", "description", "period", "metadata", "discountable");
        var customerId = p.RequiredString("customer");
        var invoiceId = p.String("invoice");
        var requestedCurrency = p.String("currency") is { } c ? Currencies.Parse(c, "currency") : null;
        var (quantity, unitAmount, amount) = Price(p);
        var metadata = p.Metadata();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var (periodStart, periodEnd) = ItemPricing.Period(p, now);

        lock (store.Gate)
        {
            var customer = customers.Find(customerId, "customer");
            InvoiceRecord? invoice = null;
            if (invoiceId is not null)
            {
                invoice = invoices.Find(invoiceId, "invoice");
                if (invoice.CustomerId != customer.Id)
                {
                    throw ApiRequestException.Invalid($"The invoice {invoice.Id} belongs to customer {invoice.CustomerId}, not {customer.Id}.", "invoice");
                }

                if (requestedCurrency is not null && requestedCurrency != invoice.Currency)
                {
                    throw ApiRequestException.Invalid($"The currency {requestedCurrency} does not match the invoice's currency {invoice.Currency}.", "currency");
                }

                if (invoice.Status != InvoiceStatus.Draft)
                {
                    return ApiResponse.Error(StatusCodes.Status400BadRequest, new ApiError(
                        ErrorTypes.InvalidRequest,
                        $"Invoice items can only be added to draft invoices; {invoice.Id} is '{invoice.Status.ToWire()}'.",
                        ErrorCodes.InvoiceNotEditable,
                        "invoice"));
                }

                if (invoice.Lines.Count >= InvoiceLineOperations.MaxLinesPerInvoice)
                {
                    throw ApiRequestException.Invalid($"An invoice can have at most {InvoiceLineOperations.MaxLinesPerInvoice} invoice items; {invoice.Id} has them all.", "invoice");
                }
            }

            var currency = requestedCurrency ?? invoice?.Currency
                ?? throw ApiRequestException.Invalid("Missing required param: currency.", "currency", ErrorCodes.ParameterMissing);
            var item = new InvoiceItemRecord
            {
                Id = IdGenerator.New("ii"),
                LineId = IdGenerator.New("il"),
                Sequence = store.NextSequence(),
                CustomerId = customer.Id,
                InvoiceId = invoice?.Id,
                Currency = currency,
                Amount = amount,
                Quantity = quantity,
                UnitAmountDecimal = unitAmount,
                Description = p.String("description"),
                PeriodStart = periodStart,
                PeriodEnd = periodEnd,
                Date = now,
                Metadata = metadata,
            };
            store.InvoiceItems.Add(item.Id, item);
            store.Changed(item);
            if (invoice is not null)
            {
                invoice.Lines.Add(item);
                store.Changed(invoice);
            }

            return ApiResponse.Ok(InvoiceItemResource.From(item));
        }
    }

    private static (decimal Quantity, decimal UnitAmount, long Amount) Price(FormParameters p)
    {
        var amount = p.Long("amount");
        var unitAmount = p.Decimal("unit_amount_decimal");
        if (amount is not null && unitAmount is not null)
        {
            throw ApiRequestException.Invalid("You may only specify one of these parameters: amount, unit_amount_decimal.", "amount");
        }

        if (amount is { } fixedAmount)
        {
            return ItemPricing.Fixed(p, fixedAmount);
        }

        return unitAmount is { } unit
            ? ItemPricing.PerUnit(p, unit, "unit_amount_decimal")
            : throw ApiRequestException.Invalid("Missing required param: amount or unit_amount_decimal.", "amount", ErrorCodes.ParameterMissing);
    }
}
