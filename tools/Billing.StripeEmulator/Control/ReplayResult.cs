namespace Billing.StripeEmulator.Control;

/// <summary>How many events <c>POST /_emulator/events/replay</c> queued.</summary>
internal sealed record ReplayResult(int Replayed);
