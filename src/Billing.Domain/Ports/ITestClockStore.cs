namespace Billing.Domain.Ports;

/// <summary>
/// The test clock's frozen time, kept so that a restarted (or another) instance keeps it. Writes
/// are conditional: two instances advancing at once cannot both win.
/// </summary>
public interface ITestClockStore
{
    /// <summary>Creates what the store needs, if it does not exist yet (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The stored frozen time, or null when the clock was never advanced.</summary>
    Task<StoredClock?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new frozen time unless another writer changed it since it was read.</summary>
    /// <param name="previous">The clock as read, or null when there was none.</param>
    /// <returns>false when another writer got there first: read again and decide again.</returns>
    Task<bool> TryWriteAsync(StoredClock? previous, DateTimeOffset frozenTime, CancellationToken cancellationToken);
}
