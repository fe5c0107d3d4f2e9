using Billing.Domain.Invoicing;

namespace Billing.Domain.Ports;

/// <summary>
/// The invoice run's Stripe calls, in terms of our invoice. Each write takes the run's step name,
/// from which the adapter derives the idempotency key (<c>billing:{invoice id}:{step}</c>), so a
/// repeated step cannot create a second object on Stripe.
/// </summary>
public interface IStripeBilling
{
    /// <summary>Creates Stripe's draft of <paramref name="invoice"/>.</summary>
    /// <returns>The Stripe invoice id.</returns>
    Task<string> CreateDraftAsync(Invoice invoice, string step, CancellationToken cancellationToken);

    /// <summary>Adds every line of <paramref name="invoice"/> to its Stripe draft, in as few calls as Stripe allows (chunk k keyed by step <c>{step}-{k}</c>).</summary>
    Task AddLinesAsync(Invoice invoice, string step, CancellationToken cancellationToken);

    Task<StripeInvoiceFacts> FinalizeAsync(Invoice invoice, string step, CancellationToken cancellationToken);

    Task<PaymentResult> PayAsync(Invoice invoice, string step, CancellationToken cancellationToken);

    /// <summary>Stripe's invoice as it is now.</summary>
    Task<StripeInvoiceFacts> GetAsync(Invoice invoice, CancellationToken cancellationToken);

    /// <summary>Stripe's events created at or after <paramref name="since"/> (all when null), oldest first.</summary>
    Task<IReadOnlyList<StripeEventFacts>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken);
}
