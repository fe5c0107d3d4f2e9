using Cronos;

namespace Billing.LocalHost.Metadata;

/// <summary>A function's trigger binding from <c>functions.metadata</c>, with <c>%Setting%</c> expressions resolved.</summary>
/// <param name="Name">The binding's <c>name</c>: the trigger parameter of the function method.</param>
public abstract record TriggerBinding(string Name);

/// <summary>
/// <c>blobTrigger</c> with <c>path</c> <c>container/prefix{name}suffix</c>: blobs of the container whose
/// names start with the prefix and end with the suffix; <c>{name}</c> is the part between.
/// </summary>
/// <param name="Connection">The setting holding the storage connection string.</param>
public sealed record BlobTriggerBinding(string Name, string Container, string NamePrefix, string NameSuffix, string Connection)
    : TriggerBinding(Name);

/// <summary><c>queueTrigger</c>: messages of <c>queueName</c>, base64-encoded text.</summary>
public sealed record QueueTriggerBinding(string Name, string QueueName, string Connection) : TriggerBinding(Name);

/// <summary><c>timerTrigger</c>: an NCRONTAB <c>schedule</c> (6 fields with seconds, or 5), in UTC.</summary>
/// <param name="UseMonitor">Record the schedule's status in storage so that a missed occurrence runs once, past due, after a restart.</param>
/// <param name="RunOnStartup">Also run once whenever the host starts.</param>
public sealed record TimerTriggerBinding(string Name, string Schedule, CronExpression Expression, bool UseMonitor, bool RunOnStartup)
    : TriggerBinding(Name);

/// <summary><c>httpTrigger</c>: <c>route</c> under the host's route prefix.</summary>
/// <param name="AuthLevel"><c>anonymous</c>, <c>function</c> or <c>admin</c>; the last two need a key.</param>
/// <param name="Methods">Upper-case HTTP methods; null: any.</param>
public sealed record HttpTriggerBinding(string Name, string AuthLevel, IReadOnlyList<string>? Methods, string Route) : TriggerBinding(Name)
{
    public bool RequiresKey => !string.Equals(AuthLevel, "anonymous", StringComparison.OrdinalIgnoreCase);
}

/// <summary><c>orchestrationTrigger</c>: a Durable orchestrator, registered with the Durable worker under the function's name.</summary>
public sealed record OrchestrationTriggerBinding(string Name) : TriggerBinding(Name);

/// <summary><c>activityTrigger</c>: a Durable activity, registered with the Durable worker under the function's name.</summary>
public sealed record ActivityTriggerBinding(string Name) : TriggerBinding(Name);
