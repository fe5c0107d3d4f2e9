namespace Billing.Cli.Hosting;

/// <summary>What <see cref="LocalCatalog.CheckCatchUp"/> found.</summary>
/// <param name="Limit">The app's <c>Billing__MaxCatchUpPeriods</c>, as configured or by default.</param>
/// <param name="CurrentMonth">The start of the current UTC month, an anchor that bills nothing earlier.</param>
/// <param name="Behind">The subscriptions with more ended periods than <paramref name="Limit"/>, in catalog order.</param>
internal sealed record CatchUpCheck(int Limit, DateTimeOffset CurrentMonth, IReadOnlyList<BehindSubscription> Behind);
