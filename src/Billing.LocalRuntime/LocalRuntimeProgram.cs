using System.Globalization;
using Billing.LocalRuntime.Hosting;
using Billing.LocalRuntime.Settings;
using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime;

/// <summary>
/// <c>dotnet run --project src/Billing.LocalRuntime -- [--app DIR] [--port N] [--root DIR]</c>:
/// runs the app like <c>func start</c> until Ctrl+C. Settings come from the repository's
/// local.settings.json (created from local.settings.sample.json, with a new host key, when missing).
/// </summary>
internal static class LocalRuntimeProgram
{
    private const string Usage =
        "usage: Billing.LocalRuntime [--app DIR] [--port N] [--root DIR]\n" +
        "  --app   the app's build output (host.json, handler, function folders); default src/Billing.Functions/bin/<Debug|Release>/net10.0\n" +
        "  --port  HTTP port on 127.0.0.1 (0: a free one); default 7071\n" +
        "  --root  repository root (local.settings.json, working directory); default: found from the current directory";

    public static async Task<int> Main(string[] args)
    {
        string? app = null, root = null;
        var port = LocalHostOptions.DefaultHttpPort;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--app" when value is not null:
                    app = value;
                    i++;
                    break;
                case "--root" when value is not null:
                    root = value;
                    i++;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    port = parsed;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        root = Path.GetFullPath(root ?? RepositoryRoot.Find());
        app ??= DefaultAppDirectory(root);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var host = await LocalFunctionsHost.StartAsync(
            new LocalHostOptions
            {
                AppDirectory = app,
                RepositoryRoot = root,
                Settings = LocalSettingsFile.LoadOrCreate(root),
                HttpPort = port,
                LoggerFactory = loggers,
            },
            stop.Token).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static string DefaultAppDirectory(string root) =>
        new[] { "Debug", "Release" }
            .Select(c => Path.Combine(root, "src", "Billing.Functions", "bin", c, "net10.0"))
            .Where(d => File.Exists(Path.Combine(d, "host.json")))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "Billing.Functions.dll")))
            .FirstOrDefault()
        ?? throw new InvalidOperationException("No built app found: run `dotnet build` first, or pass --app.");
}
