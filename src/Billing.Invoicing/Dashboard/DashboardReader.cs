using System.Text.Json;
using Billing.Domain.Catalog;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// What the dashboard and portal pages show, read through the API's own handlers (usage, invoices,
/// events) and the seams to caps, forecasts, daily series and alerts. Host-ignorant; renders nothing.
/// </summary>
public sealed class DashboardReader(
    BillingCatalog catalog,
    CustomerUsageHandler usage,
    InvoicesHandler invoices,
    ListEventsHandler events,
    IDashboardSpendCaps caps,
    IDashboardForecasts forecasts,
    IDashboardDailySpend daily,
    IDashboardAlerts alerts,
    TimeProvider time)
{
    /// <summary>Customers on one page of the list.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Customers of a page read at once. Enough to hide storage latency (a page is a few rounds of
    /// requests), few enough that each request starts when it can be served: every storage call
    /// has its own time budget (Storage:CallTimeout), and a page's hundred requests sent at once
    /// to a slow storage would spend theirs queueing behind each other.
    /// </summary>
    public const int ParallelReads = 8;

    /// <summary>Latest outbound events shown on the list page.</summary>
    public const int RecentEvents = 10;

    /// <summary>Latest outbound events searched for a customer's own (events are not indexed by customer).</summary>
    public const int EventsScanned = ListEventsRequest.MaxLimit;

    /// <summary>Pages of <see cref="PageSize"/> customers, at least 1.</summary>
    public int PageCount => Math.Max(1, (catalog.Customers.Count + PageSize - 1) / PageSize);

    /// <summary>Page <paramref name="page"/> (1-based, within <see cref="PageCount"/>) of the customers in id order.</summary>
    public async Task<DashboardListView> ReadListAsync(int page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, PageCount);
        var ids = catalog.Customers
            .Select(c => c.Id)
            .Order(StringComparer.Ordinal)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .ToArray();

        // In parallel (ParallelReads at a time): each customer's usage is a few storage reads, and a
        // page of them read one after the other would take a page's worth of round trips.
        var customers = new CustomerOverview?[ids.Length];
        var latest = events.HandleAsync(new ListEventsRequest(null, RecentEvents), cancellationToken);
        await Parallel.ForAsync(
            0,
            ids.Length,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, token) => customers[i] = await ReadCustomerAsync(ids[i], withDaily: false, token).ConfigureAwait(false)).ConfigureAwait(false);
        var recent = await latest.ConfigureAwait(false);
        return new DashboardListView(page, PageCount, catalog.Customers.Count, [.. customers.OfType<CustomerOverview>()], recent?.Data ?? [], time.GetUtcNow());
    }

    /// <summary>One customer's page; null when the catalog has no such customer.</summary>
    /// <param name="admin">With the outbound events about the customer (the admin's view); without, the portal's.</param>
    public async Task<CustomerDetailView?> ReadCustomerDetailAsync(string customer, bool admin, CancellationToken cancellationToken)
    {
        var overview = ReadCustomerAsync(customer, withDaily: true, cancellationToken);
        var invoiceList = invoices.HandleAsync(customer, cancellationToken);
        var rules = alerts.ReadAsync(customer, cancellationToken);
        var eventList = admin ? events.HandleAsync(new ListEventsRequest(null, EventsScanned), cancellationToken) : Task.FromResult<EventList?>(null);
        if (await overview.ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        InvoiceView[] rows = [.. (await invoiceList.ConfigureAwait(false)).Reverse()];

        var mine = admin ? (await eventList.ConfigureAwait(false))?.Data.Where(e => IsAbout(e, customer)).ToArray() ?? [] : null;
        return new CustomerDetailView(found, rows, await rules.ConfigureAwait(false), mine, time.GetUtcNow());
    }

    private async Task<CustomerOverview?> ReadCustomerAsync(string customer, bool withDaily, CancellationToken cancellationToken)
    {
        if (await usage.HandleAsync(customer, new UsageQuery(Daily: withDaily), cancellationToken).ConfigureAwait(false) is not CustomerUsageOutcome.Found { Usage: var current })
        {
            return null;
        }

        var panels = new List<SubscriptionPanel>();
        foreach (var subscription in current.Subscriptions)
        {
            panels.Add(new SubscriptionPanel(
                subscription,
                await caps.ReadAsync(subscription, cancellationToken).ConfigureAwait(false),
                await forecasts.ReadAsync(subscription, cancellationToken).ConfigureAwait(false),
                withDaily ? await daily.ReadAsync(subscription, cancellationToken).ConfigureAwait(false) : []));
        }

        return new CustomerOverview(customer, catalog.FindCustomer(customer)?.Name, panels);
    }

    // The invoice events' data is the invoice ({"customer": …}); others may wrap an object ({"object": {"customer": …}}).
    private static bool IsAbout(EventView recorded, string customer) =>
        recorded.Data.ValueKind == JsonValueKind.Object
        && (Customer(recorded.Data) == customer
            || (recorded.Data.TryGetProperty("object", out var inner) && inner.ValueKind == JsonValueKind.Object && Customer(inner) == customer));

    private static string? Customer(JsonElement data) =>
        data.TryGetProperty("customer", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
