namespace Billing.Cli.Hosting;

/// <summary>A subscription with more ended periods than the app invoices at once.</summary>
/// <param name="Periods">How many periods have ended since its anchor.</param>
/// <param name="From">The anchor: the start of the first of them (UTC).</param>
/// <param name="To">The end of the last of them (UTC).</param>
internal sealed record BehindSubscription(string Id, long Periods, DateTimeOffset From, DateTimeOffset To);
