using Billing.Cli.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests.Support;

/// <summary>Runs <c>billing</c> in-process with captured output, given variables, a fake clock and no local.settings.json.</summary>
internal static class CliRun
{
    /// <summary>2026-01-20T00:00:00Z: inside the sample catalog's first period.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), null, args);

    public static async Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string> variables,
        string? repositoryRoot,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BillingCli.RunAsync(args, Environment(output, error, variables, repositoryRoot, new FakeTimeProvider(Now)));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with the real clock: for commands that wait on a real app.</summary>
    public static Task<CliResult> RunRealTimeAsync(params string[] args) => RunWithClockAsync(TimeProvider.System, args);

    /// <summary>
    /// Runs with "now" standing at <paramref name="now"/> and real timers: for commands that wait on
    /// a real app whose test clock was advanced to the same time.
    /// </summary>
    public static Task<CliResult> RunAtAsync(DateTimeOffset now, params string[] args) => RunWithClockAsync(new FixedNowTimeProvider(now), args);

    private static async Task<CliResult> RunWithClockAsync(TimeProvider time, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BillingCli.RunAsync(args, Environment(output, error, new Dictionary<string, string>(), null, time));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs <c>billing up</c> in <paramref name="repositoryRoot"/> with the app started by
    /// <paramref name="createHost"/>, until <paramref name="stop"/> is cancelled (as Ctrl+C would).
    /// </summary>
    /// <param name="now">The CLI's clock; <see cref="Now"/> by default.</param>
    public static async Task<CliResult> RunUpAsync(string repositoryRoot, Func<AppHostOptions, IAppHost> createHost, CancellationToken stop, DateTimeOffset? now = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = Environment(output, error, new Dictionary<string, string>(), repositoryRoot, new FakeTimeProvider(now ?? Now), createHost);
        var code = await BillingCli.RunAsync(["up"], environment, stop);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliEnvironment Environment(
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string> variables,
        string? repositoryRoot,
        TimeProvider time,
        Func<AppHostOptions, IAppHost>? createHost = null) => new()
        {
            Out = output,
            Error = error,
            Variable = name => variables.GetValueOrDefault(name),
            RepositoryRoot = repositoryRoot,
            Time = time,
            Interactive = false,
            CreateHost = createHost ?? (_ => throw new InvalidOperationException("Tests of parsing do not start the app.")),
            TerminationTimeout = null,
        };
}
