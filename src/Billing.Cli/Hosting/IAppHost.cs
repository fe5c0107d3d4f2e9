namespace Billing.Cli.Hosting;

/// <summary>
/// The app running locally, as <c>billing up</c> needs it: storage, the app and its triggers behind
/// one HTTP front. This is the whole seam between the CLI and whatever runs the app
/// (<see cref="LocalHostAppHost"/>, see <see cref="AppHosts"/>). Disposing stops everything, gracefully.
/// </summary>
internal interface IAppHost : IAsyncDisposable
{
    /// <summary>The HTTP front, e.g. <c>http://127.0.0.1:7071/</c> (routes under <c>api/</c>). Set by <see cref="StartAsync"/>.</summary>
    Uri BaseAddress { get; }

    /// <summary>The function key the front accepts in <c>x-functions-key</c> (a local key: printing it is fine).</summary>
    string HostKey { get; }

    /// <summary>The storage the app and its triggers use (the CLI uploads there). Set by <see cref="StartAsync"/>; never printed.</summary>
    string StorageConnectionString { get; }

    /// <summary>Starts storage, the app and its triggers; returns once the API answers.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
