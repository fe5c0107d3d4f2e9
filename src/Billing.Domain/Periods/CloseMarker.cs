namespace Billing.Domain.Periods;

/// <summary>How far a subscription's periods have been closed (handed to invoicing).</summary>
/// <param name="NextPeriod">The index of the first period not closed yet.</param>
/// <param name="Version">The store's token for the marker as read (opaque: the adapter's ETag); a move is conditional on it.</param>
public sealed record CloseMarker(long NextPeriod, string Version);
