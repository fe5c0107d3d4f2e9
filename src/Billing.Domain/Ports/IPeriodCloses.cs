using Billing.Domain.Periods;

namespace Billing.Domain.Ports;

/// <summary>How far each subscription's periods have been closed (handed to invoicing).</summary>
public interface IPeriodCloses
{
    /// <summary>Every subscription's marker, by subscription id (absent: nothing closed yet).</summary>
    Task<IReadOnlyDictionary<string, CloseMarker>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Moves the marker forward unless another instance moved it since it was read.</summary>
    /// <param name="previous">The marker as read, or null when there was none.</param>
    Task<bool> TryAdvanceAsync(string subscriptionId, CloseMarker? previous, long nextPeriod, CancellationToken cancellationToken);
}
