using Billing.Invoicing.Outbound;

namespace Billing.Invoicing.Dashboard;

/// <summary>One customer's page: the admin's detail view, or (without <paramref name="Events"/>) the customer's portal.</summary>
/// <param name="Invoices">Newest first, each with its Stripe hosted page when known (<see cref="InvoiceView.HostedInvoiceUrl"/>).</param>
/// <param name="Events">The latest outbound events about this customer; null in the portal, where they are not shown.</param>
public sealed record CustomerDetailView(
    CustomerOverview Customer,
    IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<AlertRuleView> Alerts,
    IReadOnlyList<EventView>? Events,
    DateTimeOffset AsOf);
