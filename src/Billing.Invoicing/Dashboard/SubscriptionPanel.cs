using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>One subscription's current period on the dashboard: its usage and what the seams add (each may be absent).</summary>
/// <param name="Daily">The daily series; empty on the list page, which has no chart.</param>
public sealed record SubscriptionPanel(SubscriptionUsage Usage, SpendCapView? Cap, ForecastView? Forecast, IReadOnlyList<DailySpendView> Daily);
