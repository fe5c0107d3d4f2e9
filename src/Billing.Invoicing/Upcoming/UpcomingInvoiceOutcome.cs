namespace Billing.Invoicing.Upcoming;

/// <summary>What <c>GET /api/invoices/upcoming</c> answers; the HTTP layer maps it to a status code.</summary>
public abstract record UpcomingInvoiceOutcome
{
    private UpcomingInvoiceOutcome()
    {
    }

    /// <summary>200: the current period's cycle invoice as it would be issued, status <c>preview</c>.</summary>
    public sealed record Previewed(InvoiceView Invoice) : UpcomingInvoiceOutcome;

    /// <summary>404 <c>subscription_not_found</c>: no such subscription in the catalog.</summary>
    public sealed record NotFound(string Message) : UpcomingInvoiceOutcome;

    /// <summary>404 <c>invoice_upcoming_none</c>: the subscription has no current period (it has not started), so no cycle invoice is coming.</summary>
    public sealed record None(string Message) : UpcomingInvoiceOutcome;
}
