using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Billing.LocalRuntime.Model;
using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime.Handler;

/// <summary>
/// Runs the custom handler executable on a free loopback port (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>)
/// and keeps it running: when it exits unexpectedly it is started again, on a new port, after a
/// short back-off that grows while it keeps failing. Calls in flight when it dies fail (they count
/// as failed tries); new calls wait in <see cref="WaitReadyAsync"/> until it answers again.
/// Supervision runs on real time, whatever clock the triggers use.
/// </summary>
internal sealed partial class HandlerProcess : IAsyncDisposable
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    private const int OutputLinesKept = 50;
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MinRestartDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReplaceTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the handler has to stop after SIGTERM when this process died without stopping it.</summary>
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(5);

    private readonly ProcessStartInfo template;
    private readonly HttpClient http;
    private readonly TimeSpan startTimeout;
    private readonly ILogger logger;
    private readonly ILogger outputLogger;
    private readonly Action<string>? output;
    private readonly Queue<string> lastLines = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource<Uri> ready = NewReady();
    private Process? current;
    private ExitWithParent? guard;
    private Task? supervision;
    private int starts;

    public HandlerProcess(
        FunctionAppModel app,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        HttpClient http,
        TimeSpan startTimeout,
        ILogger logger,
        ILogger outputLogger,
        Action<string>? output)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(environment);
        this.http = http;
        this.startTimeout = startTimeout;
        this.logger = logger;
        this.outputLogger = outputLogger;
        this.output = output;
        template = StartInfo(app, workingDirectory, environment);
    }

    /// <summary>The running handler's process id, or null between a crash and the restart.</summary>
    public int? ProcessId
    {
        get
        {
            lock (gate)
            {
                return current is { HasExited: false } p ? p.Id : null;
            }
        }
    }

    /// <summary>How many times the handler has been started (1 + restarts).</summary>
    public int Starts => Volatile.Read(ref starts);

    /// <summary>Starts the handler and supervises it; returns once it answers.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not answer within the start timeout (its last output is in the message).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = await LaunchAsync(cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            throw new InvalidOperationException(
                $"The custom handler {template.FileName} did not start (it exited or did not answer within {startTimeout.TotalSeconds:0} s). Its last output:\n{LastOutput()}");
        }

        supervision = Task.Run(() => SuperviseAsync(first, stopping.Token), CancellationToken.None);
    }

    /// <summary>The base address of the running handler, waiting while it (re)starts.</summary>
    public Task<Uri> WaitReadyAsync(CancellationToken cancellationToken)
    {
        Task<Uri> task;
        lock (gate)
        {
            task = ready.Task;
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Called when the handler at <paramref name="address"/> refused a connection: waits (up to
    /// <see cref="ReplaceTimeout"/>) until the supervisor has noticed that it died and begun to
    /// replace it. The exit notice lags the death by a moment, and calls made meanwhile never
    /// reached the handler, so they should wait rather than count as tries.
    /// </summary>
    /// <returns>True when a restart is under way or done; false when that handler still runs (it refuses connections).</returns>
    public async Task<bool> WaitReplacedAsync(Uri address, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ReplaceTimeout)
        {
            Task<Uri> task;
            lock (gate)
            {
                task = ready.Task;
            }

            if (!task.IsCompleted || task.Result != address)
            {
                return true;
            }

            await Task.Delay(ReadyPollInterval / 2, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            if (supervision is not null)
            {
                await supervision.ConfigureAwait(false);
            }
        }
        finally
        {
            Process? process;
            ExitWithParent? watch;
            lock (gate)
            {
                (process, watch) = (current, guard);
                (current, guard) = (null, null);
            }

            if (process is not null)
            {
                await KillAsync(process, watch).ConfigureAwait(false);
            }

            stopping.Dispose();
        }
    }

    private static TaskCompletionSource<Uri> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static ProcessStartInfo StartInfo(FunctionAppModel app, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var path = Path.IsPathRooted(app.Host.ExecutablePath)
            ? app.Host.ExecutablePath
            : Path.Combine(app.AppDirectory, app.Host.ExecutablePath);
        var viaDotnet = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        if (!viaDotnet && !File.Exists(path) && File.Exists(path + ".exe"))
        {
            path += ".exe";
        }

        if (!File.Exists(path))
        {
            throw new FunctionAppModelException(Path.Combine(app.AppDirectory, FunctionAppModel.HostFileName), "customHandler.description.defaultExecutablePath", $"{path} does not exist: build the app first.");
        }

        var info = new ProcessStartInfo(viaDotnet ? "dotnet" : path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            info.ArgumentList.Add(path);
        }

        foreach (var argument in app.Host.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // One log entry per line, and no per-request lines, keep the handler's output readable when
        // it is relayed; the app's settings override these.
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the handler, then ends its watchdog (in that order: the handler is never left unwatched while it runs).</summary>
    private static async Task KillAsync(Process process, ExitWithParent? watch)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            watch?.Dispose();
            process.Dispose();
        }
    }

    /// <returns>The started process, or null when it exited or did not answer in time.</returns>
    private async Task<Process?> LaunchAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = template;
        info.Environment[PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {info.FileName}.");
        }

        ExitWithParent watch;
        try
        {
            watch = ExitWithParent.Watch(process, OrphanGrace);
        }
        catch
        {
            await KillAsync(process, null).ConfigureAwait(false);
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Interlocked.Increment(ref starts);
        lock (gate)
        {
            (current, guard) = (process, watch);
        }

        LogStarted(logger, process.Id, port);
        var address = new Uri($"http://127.0.0.1:{port}/");
        if (await AnswersAsync(process, address, cancellationToken).ConfigureAwait(false))
        {
            lock (gate)
            {
                ready.TrySetResult(address);
            }

            return process;
        }

        lock (gate)
        {
            (current, guard) = (null, null);
        }

        await KillAsync(process, watch).ConfigureAwait(false);
        return null;
    }

    private async Task<bool> AnswersAsync(Process process, Uri address, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < startTimeout && !process.HasExited)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync(address, attempt.Token).ConfigureAwait(false);
                return true; // any HTTP answer means it is listening (storage is initialized before it listens)
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(ReadyPollInterval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task SuperviseAsync(Process first, CancellationToken cancellationToken)
    {
        var process = first;
        var delay = MinRestartDelay;
        try
        {
            while (true)
            {
                if (process is not null)
                {
                    var running = Stopwatch.StartNew();
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    ExitWithParent? watch;
                    lock (gate)
                    {
                        ready = NewReady();
                        watch = guard;
                        (current, guard) = (null, null);
                    }

                    LogExited(logger, process.ExitCode, LastOutput());
                    watch?.Dispose();
                    process.Dispose();

                    // A handler that ran a while gets a quick restart; one that keeps dying backs off.
                    delay = running.Elapsed > TimeSpan.FromSeconds(30) ? MinRestartDelay : delay;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
                try
                {
                    process = await LaunchAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Whatever the type (the executable is gone while a build replaces it, say):
                    // supervision that ended here would leave the app without a handler, silently.
                    LogRestartFailed(logger, e, ErrorText.Of(e), delay);
                    process = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > OutputLinesKept)
            {
                lastLines.Dequeue();
            }
        }

        LogOutput(outputLogger, line);
        output?.Invoke(line);
    }

    private string LastOutput()
    {
        lock (lastLines)
        {
            return string.Join('\n', lastLines);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Custom handler started (pid {ProcessId}, port {Port})")]
    private static partial void LogStarted(ILogger logger, int processId, int port);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Custom handler exited unexpectedly (exit code {ExitCode}); restarting. Its last output:\n{LastOutput}")]
    private static partial void LogExited(ILogger logger, int exitCode, string lastOutput);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Custom handler could not be started ({Error}); trying again in {Delay}")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, string error, TimeSpan delay);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogOutput(ILogger logger, string line);
}
