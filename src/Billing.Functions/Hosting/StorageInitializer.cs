namespace Billing.Functions.Hosting;

/// <summary>
/// Creates the app's tables, containers and queues and loads the test clock
/// (<see cref="ServiceRegistration.InitializeBillingStorageAsync"/>) while the host is starting,
/// before any hosted service starts: the worker takes no invocation before it, so a restarted
/// process never answers from the wall clock for a moment. A storage that cannot be reached fails
/// the start, with the reason, rather than every function later.
/// </summary>
internal sealed class StorageInitializer(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => services.InitializeBillingStorageAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
