using Billing.Invoicing.Workflows;
using Billing.Storage.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Triggers;

/// <summary>A threshold-checks message: requests a threshold invoice run for each subscription whose unbilled usage reached its threshold.</summary>
public sealed partial class CheckThresholdFunction(CheckThresholdHandler handler, ILogger<CheckThresholdFunction> logger)
{
    [Function("CheckThreshold")]
    public async Task RunAsync(
        [QueueTrigger("threshold-checks", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        // Not a message of ours: failing lets the host retry it, then move it to the poison queue.
        var checks = QueueMessage.Read(message, QueueMessages.ReadThresholdChecks, "threshold-checks");
        var requested = await handler.HandleAsync(checks, cancellationToken).ConfigureAwait(false);
        LogChecked(checks.Count, requested);
    }

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "CheckThreshold: {Checked} checked, {Requested} threshold runs requested")]
    private partial void LogChecked(int @checked, int requested);
}
