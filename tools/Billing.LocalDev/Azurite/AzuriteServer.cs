using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Billing.LocalDev.Azurite;

/// <summary>
/// Starts the Azurite storage emulator pinned in the repository's <c>package.json</c> on free
/// loopback ports (installing it with <c>npm ci</c> when <c>node_modules</c> is missing) and
/// stops it on dispose. Azure.Storage.Blobs 12.30 speaks an API version Azurite 3.37 does not
/// know yet, hence <c>--skipApiVersionCheck</c>.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a persistent Azurite gets to save its metadata on stop before it is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>util-linux's setsid, in every Debian and Ubuntu base image.</summary>
    private const string SetSid = "/usr/bin/setsid";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private readonly Process process;
    private readonly ExitWithParent guard;
    private readonly bool persistent;

    private AzuriteServer(Process process, ExitWithParent guard, bool persistent, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.guard = guard;
        this.persistent = persistent;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The Azurite process's id (a benchmark charges its CPU time to this storage account).</summary>
    public int ProcessId => process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// Starts Azurite. With <paramref name="dataDirectory"/> null the data lives in memory and is
    /// gone when the process stops (tests, benchmarks); otherwise it persists there.
    /// </summary>
    /// <param name="repositoryRoot">The folder holding <c>package.json</c>; found from the current directory when null.</param>
    public static async Task<AzuriteServer> StartAsync(
        string? dataDirectory = null,
        string? repositoryRoot = null,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        CancellationToken cancellationToken = default)
    {
        var root = repositoryRoot ?? RepositoryRoot.Find();
        var executable = await EnsureInstalledAsync(root, cancellationToken).ConfigureAwait(false);
        var storage = dataDirectory is null ? "--inMemoryPersistence" : $"--location \"{dataDirectory}\"";
        var arguments = $"{storage} --skipApiVersionCheck --loose --disableTelemetry " +
                        $"--blobHost 127.0.0.1 --blobPort {blobPort} " +
                        $"--queueHost 127.0.0.1 --queuePort {queuePort} " +
                        $"--tableHost 127.0.0.1 --tablePort {tablePort}";

        // In a session of its own: Ctrl+C in a terminal signals its whole foreground process group,
        // and Azurite would stop at once under an app still finishing its work (a file half
        // ingested then fails with "connection refused" as `billing up` stops). Its owner stops it
        // after the app (DisposeAsync), or the watchdog when the owner dies. setsid execs in place
        // (a child is no group leader), so the process is still Azurite's.
        var ownSession = File.Exists(SetSid);
        var info = new ProcessStartInfo(ownSession ? SetSid : executable)
        {
            Arguments = ownSession ? $"\"{executable}\" {arguments}" : arguments,
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        ExitWithParent? guard = null;
        try
        {
            // Azurite never outlives this process, however it ends (it gets the grace period to save).
            guard = ExitWithParent.Watch(process, StopGrace);
            var ports = await ReadPortsAsync(process, cancellationToken).ConfigureAwait(false);
            return new AzuriteServer(process, guard, dataDirectory is not null, ports["Blob"], ports["Queue"], ports["Table"]);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            guard?.Dispose();
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (persistent)
            {
                // Azurite saves its metadata (blob, queue and table indexes) every 5 s and on SIGTERM:
                // a kill would lose the last seconds of writes.
                await GracefulStop.StopAsync(process, StopGrace).ConfigureAwait(false);
            }
            else if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // Only once Azurite has ended: until then its watchdog still stands in for this process.
            guard.Dispose();
            process.Dispose();
        }
    }

    internal static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        // Test assemblies run as separate processes and may all find node_modules missing at once:
        // concurrent `npm ci` runs in one folder corrupt each other. One process installs, under a
        // file lock (flock on Unix); the others wait for it and then find Azurite installed.
        await InstallLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var crossProcess = await AcquireFileLockAsync(Path.Combine(root, ".azurite-install.lock"), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(executable))
            {
                await RunNpmCiAsync(root, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"npm ci finished but {executable} is missing.");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // The file stays (git-ignored): deleting it on close would let two waiters lock different files.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < InstallTimeout)
            {
                // Another process is installing; poll until it releases the lock.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(info)
            ?? throw new InvalidOperationException("Could not start npm; install Node.js (with npm) to run Azurite.");
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {root} (exit {npm.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }
    }

    // Azurite prints "Azurite Blob service is successfully listening at http://127.0.0.1:34761"
    // once per service; with port 0 that line is the only way to learn the port it chose.
    private static async Task<Dictionary<string, int>> ReadPortsAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var ports = new Dictionary<string, int>();
        var seen = new List<string>();
        while (ports.Count < 3)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite exited before listening:\n{string.Join('\n', seen)}\n{error}");
            }

            seen.Add(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Keep draining output so Azurite never blocks on a full pipe.
        _ = DrainAsync(process.StandardOutput);
        _ = DrainAsync(process.StandardError);
        return ports;
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
