namespace Billing.LocalHost.Triggers;

/// <summary>One function's trigger, running from <see cref="StartAsync"/> until the stopping token given there is cancelled.</summary>
internal interface ITriggerListener
{
    string Function { get; }

    /// <summary>Prepares (creates what it needs) and starts polling in the background.</summary>
    /// <param name="stopping">Cancelled when the host stops taking new work: polling ends, invocations in flight go on.</param>
    /// <param name="aborting">Cancelled when the drain is over: invocations still in flight are cancelled and their work given back.</param>
    Task StartAsync(CancellationToken stopping, CancellationToken aborting);

    /// <summary>One poll now (blob scan, queue receive); completes when it has been done and its work dispatched.</summary>
    Task PollNowAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the background loop and the invocations it started have ended.</summary>
    Task Completion { get; }
}
