using System.Diagnostics;
using Billing.LocalDev;

namespace Billing.Functions.Tests.Hosting;

/// <summary>The app published once for the layout tests, by the README's publish command.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"billing-publish-{Guid.NewGuid():N}");

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "publish.sh"), Directory])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(info)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish.sh failed ({publish.ExitCode}):\n{await output}\n{await error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
