using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Upcoming;

/// <summary>
/// <c>GET /api/invoices/upcoming?subscription=</c>: the cycle invoice that would close the
/// subscription's current period (business clock) if no more usage arrived, computed by the code
/// that builds it at the close (<see cref="InvoiceBuilder.PreviewCycleAsync"/>) over the usage and
/// the ledger as they are now, so the invoice issued at the close equals the last preview line for
/// line. Nothing is written: no lock, no invoice, no Stripe call.
/// </summary>
public sealed class UpcomingInvoiceHandler(BillingCatalog catalog, IInvoiceStore invoices, InvoiceBuilder builder, TimeProvider time)
{
    /// <summary>The status of a preview, never one of an issued invoice.</summary>
    public const string PreviewStatus = "preview";

    /// <summary>
    /// Computations tried while the subscription's runs move under them (the lock changes between
    /// the reads before and after); the last one is answered whatever happened meanwhile, as any
    /// read of moving data is.
    /// </summary>
    private const int MaxAttempts = 3;

    public async Task<UpcomingInvoiceOutcome> HandleAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        if (catalog.FindSubscription(subscriptionId) is not { } subscription)
        {
            return new UpcomingInvoiceOutcome.NotFound($"No subscription '{subscriptionId}' in the catalog.");
        }

        var index = subscription.Schedule.IndexOf(time.GetUtcNow());
        if (index < 0)
        {
            return new UpcomingInvoiceOutcome.None(string.Create(
                CultureInfo.InvariantCulture,
                $"Subscription '{subscriptionId}' starts at {subscription.BillingCycleAnchor.ToUnixTimeSeconds()} ({subscription.BillingCycleAnchor.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}): it has no current period, so no cycle invoice is coming yet."));
        }

        for (var attempt = 1; ; attempt++)
        {
            // Only a run holding the lock writes the ledger, and taking or releasing the lock changes
            // its version: with the same version before and after, the ledger read in between was
            // the stored one plus, at most, the run in flight's lines, which the preview lays over it.
            var before = await invoices.ReadLockAsync(subscription.CustomerId, subscription.Id, cancellationToken).ConfigureAwait(false);
            var inFlight = before.ActiveInvoice is { } active
                ? await invoices.GetAsync(subscription.CustomerId, active, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Invoice {subscription.CustomerId}/{active} holds its subscription's run lock but does not exist.")
                : null;
            var preview = await builder.PreviewCycleAsync(subscription, index, inFlight, cancellationToken).ConfigureAwait(false);
            var after = await invoices.ReadLockAsync(subscription.CustomerId, subscription.Id, cancellationToken).ConfigureAwait(false);
            if (after.Version == before.Version || attempt == MaxAttempts)
            {
                return new UpcomingInvoiceOutcome.Previewed(InvoiceView.From(preview) with { Status = PreviewStatus });
            }
        }
    }
}
