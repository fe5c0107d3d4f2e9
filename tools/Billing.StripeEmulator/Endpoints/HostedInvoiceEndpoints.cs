using System.Globalization;
using System.Net;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Endpoints;

/// <summary>
/// <c>GET /_emulator/hosted/{id}</c>: the page an invoice's <c>hosted_invoice_url</c> names, a
/// read-only stand-in for Stripe's hosted invoice page (number, amount due, status), so a link
/// followed from the local dashboard leads somewhere. Like Stripe, only a finalized invoice has
/// one: a draft, or an id the emulator does not know, is 404.
/// </summary>
internal static class HostedInvoiceEndpoints
{
    public static void MapHostedInvoices(this RouteGroupBuilder control) => control.MapGet("/hosted/{id}", GetHostedInvoice);

    public static IResult GetHostedInvoice(string id, EmulatorStore store)
    {
        string number, status, currency, customer;
        long amountDue, amountPaid;
        lock (store.Gate)
        {
            if (!store.Invoices.TryGetValue(id, out var invoice) || invoice.HostedInvoiceUrl is null)
            {
                return Results.NotFound();
            }

            (number, status, currency, customer, amountDue, amountPaid) =
                (invoice.Number ?? invoice.Id, invoice.Status.ToWire(), invoice.Currency, invoice.CustomerId, invoice.AmountDue, invoice.AmountPaid);
        }

        // Amounts stay in minor units, as the API gives them: the emulator knows no currency exponents.
        var html = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Invoice {E(number)}</title></head>
            <body><h1>Invoice {E(number)}</h1>
            <p>Stripe emulator: a read-only stand-in for Stripe's hosted invoice page.</p>
            <dl><dt>Invoice</dt><dd>{E(id)}</dd><dt>Customer</dt><dd>{E(customer)}</dd>
            <dt>Status</dt><dd id="status">{E(status)}</dd>
            <dt>Amount due</dt><dd id="amount_due">{amountDue} {E(currency)} (minor units)</dd>
            <dt>Amount paid</dt><dd>{amountPaid} {E(currency)} (minor units)</dd></dl>
            </body></html>
            """);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
