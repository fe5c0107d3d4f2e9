using System.Reflection;

namespace Billing.Cli.Hosting;

/// <summary>The local Functions host (tools/Billing.LocalHost), built with the CLI (a non-referencing project reference): what `billing up` runs the app with.</summary>
internal static class LocalHostExecutable
{
    private const string MetadataKey = "Billing.LocalHostPath";

    /// <summary>The host's assembly (run with <c>dotnet</c>), under the repository root; its output also holds the app's functions.metadata and host.json.</summary>
    public static string Path(string repositoryRoot)
    {
        var relative = typeof(LocalHostExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value
            ?? throw new InvalidOperationException($"The CLI was built without the {MetadataKey} metadata.");
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(repositoryRoot, relative));
        return File.Exists(path)
            ? path
            : throw new CliException(ExitCodes.Failed, $"the local Functions host is not built ({path} is missing): run `dotnet build` (./run.sh builds it).");
    }
}
