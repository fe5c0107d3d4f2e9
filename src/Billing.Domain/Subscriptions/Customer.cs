namespace Billing.Domain.Subscriptions;

/// <summary>A customer; <see cref="Id"/> is the Stripe customer id (cus_…).</summary>
public sealed record Customer(string Id, string? Name = null, string? Email = null);
