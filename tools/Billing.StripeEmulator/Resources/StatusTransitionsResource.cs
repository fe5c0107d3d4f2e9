namespace Billing.StripeEmulator.Resources;

/// <summary>When the invoice changed status, Unix seconds (null until it happens).</summary>
internal sealed record StatusTransitionsResource(long? FinalizedAt, long? MarkedUncollectibleAt, long? PaidAt, long? VoidedAt);
