using Billing.Cli.Hosting;

namespace Billing.Cli.Tests.Support;

/// <summary>
/// An <see cref="IAppHost"/> that starts nothing: it records the options <c>up</c> gives it,
/// reports <paramref name="baseAddress"/> as the app's front, and runs <paramref name="onDispose"/>
/// when <c>up</c> stops it, while whatever <c>up</c> started next to the app still runs.
/// </summary>
internal sealed class FakeAppHost(Uri baseAddress, Func<AppHostOptions, Task>? onDispose = null) : IAppHost
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What <c>up</c> asked for; set when it creates the host.</summary>
    public AppHostOptions? Options { get; private set; }

    /// <summary>Completes when <c>up</c> has started the app.</summary>
    public Task Started => started.Task;

    public bool Disposed { get; private set; }

    /// <summary>Runs while <c>up</c> starts the app, on its thread: what the app does as it starts (such as logging a warning).</summary>
    public Action<AppHostOptions>? OnStart { get; init; }

    public Uri BaseAddress => baseAddress;

    public string HostKey => Options?.Settings.GetValueOrDefault(LocalSettings.HostKey) ?? string.Empty;

    public string StorageConnectionString => "UseDevelopmentStorage=true";

    /// <summary>The factory to give <see cref="CliEnvironment.CreateHost"/>.</summary>
    public IAppHost Create(AppHostOptions options)
    {
        Options = options;
        return this;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        OnStart?.Invoke(Options!);
        started.TrySetResult();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (onDispose is not null && Options is not null)
        {
            await onDispose(Options);
        }

        Disposed = true;
    }
}
