using Billing.Cli.Hosting;

namespace Billing.Cli;

/// <summary>
/// What a command may touch outside its arguments: the console, environment variables, the
/// repository (for <c>local.settings.json</c>), the clock and how to start the app. Tests pass
/// their own writers, variables and clock.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable (BILLING_URL, BILLING_KEY).</summary>
    public Func<string, string?> Variable { get; init; } = _ => null;

    /// <summary>The repository root (with <c>host.json</c> and <c>local.settings.json</c>), or null outside one.</summary>
    public string? RepositoryRoot { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>True when stdout is a terminal: progress bars redraw in place; otherwise plain lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Starts the app for <c>billing up</c>.</summary>
    public Func<AppHostOptions, IAppHost> CreateHost { get; init; } = AppHosts.Create;

    /// <summary>
    /// How long a command gets to stop cleanly after Ctrl+C or SIGTERM before the process exits;
    /// null registers no signal handlers (tests run many commands in one process).
    /// </summary>
    public TimeSpan? TerminationTimeout { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Variable = Environment.GetEnvironmentVariable,
        RepositoryRoot = FindRepositoryRoot(),
        Interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb",
        // `up` stops the app and a persistent Azurite, which may take a few seconds to save.
        TerminationTimeout = TimeSpan.FromSeconds(30),
    };

    private static string? FindRepositoryRoot()
    {
        try
        {
            return LocalDev.RepositoryRoot.Find();
        }
        catch (InvalidOperationException)
        {
            return null; // outside a checkout: no local.settings.json, only options and variables
        }
    }
}
