namespace Billing.Storage.Usage;

/// <summary>
/// A row of the index generation a cached state names is gone: another process compacted the
/// partition since (and deleted the old generation). Expected in a race; the state is re-read.
/// </summary>
internal sealed class StaleIndexException(string message) : Exception(message);
