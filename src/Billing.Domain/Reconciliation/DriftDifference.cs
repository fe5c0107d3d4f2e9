namespace Billing.Domain.Reconciliation;

/// <summary>One field on which our invoice and Stripe's disagree: <c>total</c>, <c>lines</c>, <c>status</c> or <c>stripe_invoice</c>.</summary>
public sealed record DriftDifference(string Field, string Ours, string Stripe);
