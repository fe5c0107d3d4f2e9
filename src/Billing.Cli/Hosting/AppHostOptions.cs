namespace Billing.Cli.Hosting;

/// <summary>How to run the app locally.</summary>
/// <param name="RepositoryRoot">The folder with host.json, samples/ and local.settings.json; the app's working directory.</param>
/// <param name="Settings">The app settings: local.settings.json's <c>Values</c>, passed to the app as environment variables.</param>
/// <param name="Port">Loopback port of the HTTP front; 0 picks a free one.</param>
/// <param name="DataDirectory">
/// Where Azurite keeps its data when <c>AzureWebJobsStorage</c> is <c>UseDevelopmentStorage=true</c>
/// (Azurite's default ports); null runs an in-memory Azurite on free ports whatever the setting.
/// </param>
/// <param name="LogFile">Where the app's console output goes; null keeps only its last lines (shown if it fails to start).</param>
/// <param name="Alerts">Called with each line of the app's output at warning level or above, to show on the console (any thread); null: the log file only.</param>
internal sealed record AppHostOptions(
    string RepositoryRoot,
    IReadOnlyDictionary<string, string> Settings,
    int Port,
    string? DataDirectory,
    string? LogFile,
    Action<string>? Alerts = null);
