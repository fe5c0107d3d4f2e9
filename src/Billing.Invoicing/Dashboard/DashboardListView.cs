using Billing.Invoicing.Outbound;

namespace Billing.Invoicing.Dashboard;

/// <summary>The admin dashboard's list: one page of customers (in id order) and the latest outbound events.</summary>
/// <param name="Page">1-based.</param>
/// <param name="PageCount">At least 1.</param>
public sealed record DashboardListView(
    int Page,
    int PageCount,
    int CustomerCount,
    IReadOnlyList<CustomerOverview> Customers,
    IReadOnlyList<EventView> RecentEvents,
    DateTimeOffset AsOf);
