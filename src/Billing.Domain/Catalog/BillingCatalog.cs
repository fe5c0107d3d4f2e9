using Billing.Domain.Meters;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Catalog;

/// <summary>
/// The meters, prices, customers and subscriptions the system bills by, with lookups built once.
/// Usually loaded with <see cref="CatalogLoader"/>; ids and event names are compared ordinally
/// (case-sensitive), as Stripe compares them.
/// </summary>
public sealed class BillingCatalog
{
    private readonly Dictionary<string, Meter> metersById;
    private readonly Dictionary<string, Meter> metersByEventName;
    private readonly Dictionary<string, Price> pricesById;
    private readonly Dictionary<string, Customer> customersById;
    private readonly Dictionary<string, Subscription> subscriptionsById;
    private readonly Dictionary<(string CustomerId, string MeterId), Subscription> routes = [];

    /// <exception cref="ArgumentException">
    /// An id or event name repeats; a subscription names a customer, price or meter that is not in
    /// the catalog; or two subscriptions of one customer have items on the same meter.
    /// </exception>
    public BillingCatalog(
        IEnumerable<Meter> meters,
        IEnumerable<Price> prices,
        IEnumerable<Customer> customers,
        IEnumerable<Subscription> subscriptions)
    {
        Meters = [.. meters];
        Prices = [.. prices];
        Customers = [.. customers];
        Subscriptions = [.. subscriptions];
        metersById = Index(Meters, m => m.Id, "meter id", nameof(meters));
        metersByEventName = Index(Meters, m => m.EventName, "meter event_name", nameof(meters));
        pricesById = Index(Prices, p => p.Id, "price id", nameof(prices));
        customersById = Index(Customers, c => c.Id, "customer id", nameof(customers));
        subscriptionsById = Index(Subscriptions, s => s.Id, "subscription id", nameof(subscriptions));
        foreach (var subscription in Subscriptions)
        {
            AddRoutes(subscription);
        }
    }

    public static BillingCatalog Empty { get; } = new([], [], [], []);

    public IReadOnlyList<Meter> Meters { get; }

    public IReadOnlyList<Price> Prices { get; }

    public IReadOnlyList<Customer> Customers { get; }

    public IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>The meter that events named <paramref name="eventName"/> feed, if any.</summary>
    public Meter? MeterForEventName(string eventName) => metersByEventName.GetValueOrDefault(eventName);

    public Meter? FindMeter(string id) => metersById.GetValueOrDefault(id);

    public Price? FindPrice(string id) => pricesById.GetValueOrDefault(id);

    public Customer? FindCustomer(string id) => customersById.GetValueOrDefault(id);

    public Subscription? FindSubscription(string id) => subscriptionsById.GetValueOrDefault(id);

    /// <summary>
    /// The one subscription of <paramref name="customerId"/> with an item on
    /// <paramref name="meterId"/>: where that customer's usage of that meter is billed. Null when
    /// there is none (the event is then rejected as <c>no_subscription</c>).
    /// </summary>
    public Subscription? SubscriptionFor(string customerId, string meterId) =>
        routes.GetValueOrDefault((customerId, meterId));

    private void AddRoutes(Subscription subscription)
    {
        if (!customersById.ContainsKey(subscription.CustomerId))
        {
            throw new ArgumentException($"Subscription {subscription.Id} names customer {subscription.CustomerId}, which is not in the catalog.", "subscriptions");
        }

        foreach (var item in subscription.Items)
        {
            if (!pricesById.ContainsKey(item.Price.Id))
            {
                throw new ArgumentException($"Subscription {subscription.Id} names price {item.Price.Id}, which is not in the catalog.", "subscriptions");
            }

            if (item.Meter is not { } meter)
            {
                continue;
            }

            if (!metersById.ContainsKey(meter.Id))
            {
                throw new ArgumentException($"Subscription {subscription.Id} reads meter {meter.Id}, which is not in the catalog.", "subscriptions");
            }

            // A second item of the same subscription on the meter is fine: the route is the same.
            var route = (subscription.CustomerId, meter.Id);
            if (routes.TryGetValue(route, out var owner) && !ReferenceEquals(owner, subscription))
            {
                throw new ArgumentException(
                    $"Customer {subscription.CustomerId} has two subscriptions on meter {meter.Id} ({owner.Id} and {subscription.Id}); usage must route to one.",
                    "subscriptions");
            }

            routes[route] = subscription;
        }
    }

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> values, Func<T, string> key, string what, string paramName)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!index.TryAdd(key(value), value))
            {
                throw new ArgumentException($"Duplicate {what} '{key(value)}'.", paramName);
            }
        }

        return index;
    }
}
