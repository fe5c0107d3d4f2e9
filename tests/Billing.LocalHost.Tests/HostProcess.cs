using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Billing.LocalHost.Hosting;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The host executable running an app in a process of its own (for kill -9 and SIGTERM): the test
/// app, or the Billing.Functions app as <c>billing up</c> runs it; settings on stdin, output
/// collected, <see cref="BaseAddress"/> from its ready line.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => Process = process;

    public Process Process { get; }

    public Uri BaseAddress => ready.Task.Result;

    public string Output => string.Join('\n', output);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the host on the test app (its own wiring, named by <c>--configure</c>).</summary>
    public static Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string root, params string[] more) =>
        StartAppAsync(["--app", TestAppHarness.AppDirectory, "--configure", "Billing.LocalHost.TestApp.TestApp.Configure"], settings, root, more);

    /// <summary>
    /// Starts the host on the built Billing.Functions app with the host's default wiring
    /// (<c>AddBillingApp</c>), as <c>billing up</c> starts it, but on <paramref name="settings"/>.
    /// </summary>
    public static Task<HostProcess> StartBillingAppAsync(IReadOnlyDictionary<string, string?> settings, string root) =>
        StartAppAsync(["--app", RealApp.BuiltApp.Directory], settings, root, []);

    private static async Task<HostProcess> StartAppAsync(string[] app, IReadOnlyDictionary<string, string?> settings, string root, string[] more)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Billing.LocalHost.dll"), "--root", root, "--port", "0", "--settings", "-",
        }.Concat(app).Concat(more))
        {
            info.ArgumentList.Add(argument);
        }

        var host = new HostProcess(new Process { StartInfo = info });
        host.Process.OutputDataReceived += host.OnLine;
        host.Process.ErrorDataReceived += host.OnLine;
        host.Process.Start();
        host.Process.BeginOutputReadLine();
        host.Process.BeginErrorReadLine();
        await host.Process.StandardInput.WriteAsync(JsonSerializer.Serialize(settings).AsMemory(), Ct);
        host.Process.StandardInput.Close();
        await Task.WhenAny(host.ready.Task, host.Process.WaitForExitAsync(Ct)).WaitAsync(StartTimeout, Ct);
        Assert.True(host.ready.Task.IsCompleted, $"the host did not start:\n{host.Output}");
        return host;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line)
        {
            return;
        }

        output.Enqueue(line);
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; its output is closed.
        }

        if (line.StartsWith(LocalHostProgram.ReadyPrefix, StringComparison.Ordinal))
        {
            ready.TrySetResult(new Uri(line[LocalHostProgram.ReadyPrefix.Length..]));
        }
    }
}
