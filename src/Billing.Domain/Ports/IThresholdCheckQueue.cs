using Billing.Domain.Invoicing;

namespace Billing.Domain.Ports;

/// <summary>Where committed usage asks for threshold checks (the CheckThreshold function's work).</summary>
public interface IThresholdCheckQueue
{
    /// <summary>Asks for a threshold check of these subscription periods (none: nothing is sent).</summary>
    Task EnqueueThresholdChecksAsync(IEnumerable<ThresholdCheck> checks, CancellationToken cancellationToken);
}
