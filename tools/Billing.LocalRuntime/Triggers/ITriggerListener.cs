namespace Billing.LocalRuntime.Triggers;

/// <summary>One function's trigger, running from <see cref="StartAsync"/> until the token given there is cancelled.</summary>
internal interface ITriggerListener
{
    string Function { get; }

    /// <summary>Prepares (creates what it needs) and starts polling in the background.</summary>
    Task StartAsync(CancellationToken stopping);

    /// <summary>One poll now (blob scan, queue receive); completes when it has been done and its work dispatched.</summary>
    Task PollNowAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the background loop and the invocations it started have ended.</summary>
    Task Completion { get; }
}
