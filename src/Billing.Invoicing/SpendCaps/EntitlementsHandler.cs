using Billing.Domain.Catalog;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// <c>GET /api/customers/{id}/entitlements</c>: for each of the customer's subscriptions that has
/// started, each metered item, allowed until the current period's amount reaches the spend cap.
/// </summary>
public sealed class EntitlementsHandler(BillingCatalog catalog, SpendCapReader reader, TimeProvider time)
{
    /// <returns>null when the customer is unknown.</returns>
    public async Task<EntitlementsResponse?> HandleAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (catalog.FindCustomer(customerId) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var data = new List<Entitlement>();
        foreach (var subscription in catalog.Subscriptions.Where(s => s.CustomerId == customerId && s.Schedule.IndexOf(now) >= 0))
        {
            var status = await reader.CurrentAsync(subscription, cancellationToken).ConfigureAwait(false);
            foreach (var item in subscription.Items.Where(i => i.Meter is not null))
            {
                data.Add(new Entitlement(
                    subscription.Id,
                    item.Meter!.Id,
                    status.Allowed,
                    status.Allowed ? null : Entitlement.SpendCapReached,
                    status.Period.Start.ToUnixTimeSeconds(),
                    status.AmountMinor,
                    status.SpendCap,
                    status.State));
            }
        }

        return new EntitlementsResponse(customerId, now.ToUnixTimeSeconds(), data);
    }
}
