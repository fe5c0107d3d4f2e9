using Billing.Stripe;
using Stripe;

namespace Billing.Testing;

/// <summary>Stripe.net clients built as the app builds its own, through a test's HTTP handler (a kill, a vanishing invoice).</summary>
public static class StripeClients
{
    /// <summary>Stripe.net's retries, then the rate limiter, then <paramref name="handler"/> (use it for one client only).</summary>
    public static IStripeClient Through(StripeOptions options, DelegatingHandler handler) => StripeClientFactory.Create(options, TimeProvider.System, handler);
}
