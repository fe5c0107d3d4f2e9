using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/invoices</c>: create, read, list, lines (read and bulk add), and the status changes.</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoices(this RouteGroupBuilder v1)
    {
        v1.Post<InvoiceOperations>("/invoices", o => o.Create);
        v1.Get<InvoiceOperations>("/invoices", o => o.List);
        v1.Get<InvoiceOperations>("/invoices/{id}", o => o.Retrieve);
        v1.Get<InvoiceOperations>("/invoices/{id}/lines", o => o.Lines);
        v1.Post<InvoiceLineOperations>("/invoices/{id}/add_lines", o => o.AddLines);
        v1.Post<InvoiceTransitions>("/invoices/{id}/finalize", o => o.Finalize);
        v1.Post<InvoiceTransitions>("/invoices/{id}/pay", o => o.Pay);
        v1.Post<InvoiceTransitions>("/invoices/{id}/void", o => o.Void);
        v1.Post<InvoiceTransitions>("/invoices/{id}/mark_uncollectible", o => o.MarkUncollectible);
    }
}
