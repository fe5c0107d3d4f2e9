using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/invoiceitems</c>.</summary>
internal static class InvoiceItemEndpoints
{
    public static void MapInvoiceItems(this RouteGroupBuilder v1)
    {
        v1.Post<InvoiceItemOperations>("/invoiceitems", o => o.Create);
    }
}
