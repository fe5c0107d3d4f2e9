using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Billing.Cli.Hosting;
using Billing.LocalDev;
using Billing.LocalDev.Azurite;
using Billing.Testing;

namespace Billing.Cli.Tests.Commands;

/// <summary>
/// <c>billing up</c> as a process of its own, with the real app under the local runtime, stopped
/// the way a service manager stops it: SIGTERM. Its storage is an Azurite this test runs (on free
/// ports: up's own Azurite would take the default ones), so up's children are the handler and its watchdog.
/// </summary>
public sealed class UpProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The scan fails after the SDK's own retries of the 500 (about 6 s).</summary>
    private static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string root = Directory.CreateTempSubdirectory("billing-up-process").FullName;
    private AzuriteServer? azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => azurite = await AzuriteServer.StartAsync(cancellationToken: Ct);

    [Fact]
    public async Task Up_SigtermAfterTheBlobScanMetAnUnexpectedException_ShowsTheErrorThenExitsCleanlyLeavingNoProcess()
    {
        PrepareRoot();
        var output = new ConcurrentQueue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scanFailed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var up = Start(output, line =>
        {
            if (line.StartsWith("running; ", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
            else if (line.StartsWith("app fail: ", StringComparison.Ordinal) && line.Contains("container scan failed", StringComparison.Ordinal))
            {
                scanFailed.TrySetResult(line);
            }
        });
        IReadOnlyList<ProcessIdentity> children = [];
        try
        {
            await Task.WhenAny(running.Task, up.WaitForExitAsync(Ct)).WaitAsync(StartTimeout, Ct);
            Assert.True(running.Task.IsCompleted, $"up did not start:\n{Text(output)}");
            children = ProcessTree.Descendants(up.Id);
            Assert.Contains(children, c => c.Name == "dotnet"); // the local Functions host

            // A control character in a blob name: Azurite answers List Blobs with a 500 and an empty
            // body, and the SDK throws an XmlException, which used to end the scan loop silently
            // and then crash up as it stopped, leaving the app running.
            var container = new BlobContainerClient(azurite!.ConnectionString, "usage");
            await container.CreateIfNotExistsAsync(cancellationToken: Ct);
            await container.GetBlobClient("bad\u0001name.jsonl").UploadAsync(BinaryData.FromString("{}\n"), Ct);
            var shown = await scanFailed.Task.WaitAsync(FailureTimeout, Ct);
            Assert.Contains("IngestUsageBlob: container scan failed (XmlException: Root element is missing.)", shown, StringComparison.Ordinal);

            ProcessTree.Signal(up.Id, ProcessTree.SigTerm);
            await up.WaitForExitAsync(Ct).WaitAsync(StopTimeout, Ct);
            var left = await ProcessTree.WaitEndedAsync(children, TimeSpan.FromSeconds(30), Ct);

            Assert.True(up.ExitCode == 0, $"exit code {up.ExitCode}:\n{Text(output)}");
            Assert.DoesNotContain(output, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
            Assert.Contains("stopping…", output);
            Assert.True(left.Count == 0, $"still running after up stopped: {string.Join(", ", left)}");
        }
        finally
        {
            if (!up.HasExited)
            {
                up.Kill();
            }

            ProcessTree.KillRunning(children);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        Directory.Delete(root, recursive: true);
    }

    private static string Text(IEnumerable<string> lines) => string.Join('\n', lines);

    /// <summary>
    /// A checkout of its own for up (never the real one's local.settings.json): the files up looks
    /// for, the built local host (with the app) linked at the path the CLI was built to find it, and settings naming this
    /// test's Azurite, so that up starts none.
    /// </summary>
    private void PrepareRoot()
    {
        var repository = RepositoryRoot.Find();
        foreach (var file in new[] { "package.json", "host.json", Path.Combine("samples", "catalog.json") })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.Copy(Path.Combine(repository, file), Path.Combine(root, file));
        }

        var built = Path.GetDirectoryName(LocalHostExecutable.Path(repository))!;
        var host = Path.Combine(root, Path.GetRelativePath(repository, built));
        Directory.CreateDirectory(Path.GetDirectoryName(host)!);
        Directory.CreateSymbolicLink(host, built);
        var values = new JsonObject
        {
            [LocalSettings.Storage] = azurite!.ConnectionString,
            [LocalSettings.CatalogPath] = "samples/catalog.json",
            ["Billing__ClosePeriodsSchedule"] = "0 0 0 1 1 *", // not during the test
            [LocalSettings.StripeApiKey] = string.Empty, // the emulator, in-process
            [LocalSettings.HostKey] = "test-host-key",
        };
        File.WriteAllText(Path.Combine(root, LocalSettings.FileName), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
    }

    private Process Start(ConcurrentQueue<string> output, Action<string> onLine)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "billing.dll"), "up", "--url", "http://127.0.0.1:0" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        void OnData(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                onLine(line);
            }
        }

        process.OutputDataReceived += OnData;
        process.ErrorDataReceived += OnData;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
