namespace Billing.StripeEmulator.Control;

/// <summary><c>GET /_emulator/requests</c>: API requests by route and the faults injected.</summary>
internal sealed record RequestCountsView(long Total, IReadOnlyDictionary<string, long> ByRoute, IReadOnlyDictionary<string, long> Faults);
