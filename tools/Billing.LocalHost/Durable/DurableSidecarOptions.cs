namespace Billing.LocalHost.Durable;

/// <summary>Options of the <see cref="DurableSidecar"/>; plain data with documented defaults.</summary>
public sealed class DurableSidecarOptions
{
    /// <summary>The task hub's name, as <c>extensions.durableTask.hubName</c> of host.json names it in Azure.</summary>
    public const string DefaultTaskHubName = "BillingHub";

    public const int DefaultPartitionCount = 4;

    /// <summary>
    /// How long a work item (an activity or an orchestration step) stays invisible after it is taken
    /// or its lock renewed; the sidecar renews it every third of this while a worker runs it, so this
    /// bounds how long a work item of a killed host waits, not how long an activity may run. Azure's
    /// default is 5 minutes; locally a run in flight when the host was killed should resume within a
    /// minute of the restart, so 30 seconds.
    /// </summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The storage account, e.g. Azurite's connection string.</summary>
    public required string StorageConnectionString { get; init; }

    public string TaskHubName { get; init; } = DefaultTaskHubName;

    /// <summary>Control-queue partitions of the task hub (Azure's default is 4).</summary>
    public int PartitionCount { get; init; } = DefaultPartitionCount;

    /// <summary>Visibility timeout of the work-item and control queues; see <see cref="DefaultVisibilityTimeout"/>.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = DefaultVisibilityTimeout;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(StorageConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(TaskHubName);
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeout, TimeSpan.FromSeconds(1));
    }
}
