namespace Billing.StripeEmulator.Control;

/// <summary>A refused control request: <c>{"error": "..."}</c>.</summary>
internal sealed record ControlError(string Error);
