using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Billing.Testing;

namespace Billing.LocalRuntime.Tests;

/// <summary>
/// The runtime as a process of its own (<c>dotnet run --project tools/Billing.LocalRuntime</c>), with
/// its child processes: Azurite (<c>--azurite</c>) and the app's handler.
/// </summary>
public sealed class LocalRuntimeProgramTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Bounds the wait for children to end: SIGTERM, then SIGKILL after their grace (10 s at most).</summary>
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(30);

    private readonly string root = Directory.CreateTempSubdirectory("billing-runtime-root").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Main_KilledWithSigkill_AzuriteAndTheHandlerEndWithIt()
    {
        await PrepareRootAsync();
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var runtime = Start(output, listening);
        IReadOnlyList<ProcessIdentity> children = [];
        try
        {
            await Task.WhenAny(listening.Task, runtime.WaitForExitAsync(Ct)).WaitAsync(StartTimeout, Ct);
            Assert.True(listening.Task.IsCompleted, $"the runtime did not start:\n{string.Join('\n', output)}");
            children = ProcessTree.Descendants(runtime.Id);
            Assert.Contains(children, c => c.Name == "node"); // Azurite
            Assert.Contains(children, c => c.Name.StartsWith("Billing.Func", StringComparison.Ordinal)); // the handler (names are cut at 15 characters)

            runtime.Kill(); // SIGKILL: no signal handler, dispose or finally of the runtime runs
            await runtime.WaitForExitAsync(Ct);
            var left = await ProcessTree.WaitEndedAsync(children, EndTimeout, Ct);

            Assert.True(left.Count == 0, $"still running {EndTimeout.TotalSeconds:0} s after the runtime was killed: {string.Join(", ", left)}");
        }
        finally
        {
            if (!runtime.HasExited)
            {
                runtime.Kill();
            }

            ProcessTree.KillRunning(children);
        }
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A root of its own (never the checkout's local.settings.json), with the checkout's Azurite.</summary>
    private async Task PrepareRootAsync()
    {
        var repository = RepositoryRoot.Find();
        await AzuriteServer.EnsureInstalledAsync(repository, Ct);
        Directory.CreateSymbolicLink(Path.Combine(root, "node_modules"), Path.Combine(repository, "node_modules"));
        var catalog = Path.Combine(root, "catalog.json");
        await File.WriteAllTextAsync(catalog, TestCatalogs.Standard("cus_A"), Ct);
        var values = new JsonObject
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", // --azurite stands in for it
            ["Billing__CatalogPath"] = catalog,
            ["Billing__ClosePeriodsSchedule"] = RuntimeHarness.QuietSchedule,
            ["AzureWebJobs.InvoiceRun.Disabled"] = "true",
            ["AzureWebJobs.Reconcile.Disabled"] = "true",
            ["FunctionsHostKey"] = RuntimeHarness.HostKey,
        };
        await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString(), Ct);
    }

    private Process Start(ConcurrentQueue<string> output, TaskCompletionSource listening)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Billing.LocalRuntime.dll"), "--app", BuiltApp.Directory, "--root", root, "--port", "0", "--azurite" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                try
                {
                    TestContext.Current.TestOutputHelper?.WriteLine(line);
                }
                catch (InvalidOperationException)
                {
                    // The test has ended; its output is closed.
                }

                if (line.Contains("] Local Functions runtime ", StringComparison.Ordinal) && line.Contains(" listening at ", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
