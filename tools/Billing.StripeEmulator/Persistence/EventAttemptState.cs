namespace Billing.StripeEmulator.Persistence;

/// <summary>A delivery attempt made after its event was written: the event's id and the attempt.</summary>
internal sealed record EventAttemptState(string Event, AttemptState Attempt);
