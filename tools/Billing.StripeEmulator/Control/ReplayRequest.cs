namespace Billing.StripeEmulator.Control;

/// <summary>Body of <c>POST /_emulator/events/replay</c>: the events to deliver again, all when absent.</summary>
internal sealed record ReplayRequest(IReadOnlyList<string>? EventIds);
