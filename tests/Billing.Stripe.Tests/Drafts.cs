using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Stripe.Tests;

internal static class Drafts
{
    public static readonly BillingPeriod May = new(
        new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public static InvoiceLine Line(string priceId, long amountMinor, string? meterId = "api_calls") =>
        new(priceId, meterId, May, 10m, amountMinor, new PriceBreakdown(10m, 10m, [], Currency.Usd), new BilledToDate(10m, amountMinor));

    public static InvoiceDraft Draft(string customerId, params long[] amounts) =>
        new("sub_1", customerId, BillingReason.SubscriptionCycle, May, Currency.Usd,
            amounts.Select((a, i) => Line($"price_{i}", a)).ToList(), []);

    public static IReadOnlyList<StripeLine> Lines(InvoiceDraft draft) => [.. draft.Lines.Select(StripeLine.From)];
}
