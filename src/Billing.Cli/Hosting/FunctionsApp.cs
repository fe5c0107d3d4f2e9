using System.Reflection;

namespace Billing.Cli.Hosting;

/// <summary>The Billing.Functions build output: built together with the CLI (a non-referencing project reference).</summary>
internal static class FunctionsApp
{
    private const string MetadataKey = "Billing.FunctionsAppDirectory";

    /// <summary>The command that runs the app: its apphost executable, else <c>dotnet Billing.Functions.dll</c>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Locate(string repositoryRoot)
    {
        var relative = typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value
            ?? throw new InvalidOperationException($"The CLI was built without the {MetadataKey} metadata.");
        var directory = Path.GetFullPath(Path.Combine(repositoryRoot, relative));
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "Billing.Functions.exe" : "Billing.Functions");
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        var assembly = Path.Combine(directory, "Billing.Functions.dll");
        return File.Exists(assembly)
            ? ("dotnet", [assembly])
            : throw new CliException(ExitCodes.Failed, $"the app is not built ({directory} has no Billing.Functions): run `dotnet build` (./run.sh builds it).");
    }
}
