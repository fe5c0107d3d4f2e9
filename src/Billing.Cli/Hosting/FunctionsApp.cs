using System.Reflection;

namespace Billing.Cli.Hosting;

/// <summary>The Billing.Functions build output: built together with the CLI (a non-referencing project reference).</summary>
internal static class FunctionsApp
{
    private const string MetadataKey = "Billing.FunctionsAppDirectory";

    /// <summary>The app's build output (host.json, function folders, the handler): the local runtime's app directory.</summary>
    public static string Directory(string repositoryRoot)
    {
        var relative = typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value
            ?? throw new InvalidOperationException($"The CLI was built without the {MetadataKey} metadata.");
        var directory = Path.GetFullPath(Path.Combine(repositoryRoot, relative));
        return File.Exists(Path.Combine(directory, "host.json"))
            ? directory
            : throw new CliException(ExitCodes.Failed, $"the app is not built ({directory} has no host.json): run `dotnet build` (./run.sh builds it).");
    }
}
