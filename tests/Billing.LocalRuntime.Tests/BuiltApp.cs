using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Billing.LocalRuntime.Tests;

/// <summary>The Billing.Functions build output of the same configuration as these tests: what <c>func start</c> would run.</summary>
internal static class BuiltApp
{
    public static string Directory { get; } = Find();

    /// <summary>A copy of the built app whose host.json is changed by <paramref name="edit"/> (e.g. shorter retry delays).</summary>
    public static string CopyWithHostJson(Func<JsonNode, JsonNode> edit)
    {
        var copy = System.IO.Directory.CreateTempSubdirectory("billing-app-").FullName;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target); // keeps the executable bit
        }

        var hostJson = Path.Combine(copy, "host.json");
        File.WriteAllText(hostJson, edit(JsonNode.Parse(File.ReadAllText(hostJson))!).ToJsonString());
        return copy;
    }

    private static string Find()
    {
        var configuration = typeof(BuiltApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var directory = Path.Combine(RepositoryRoot.Find(), "src", "Billing.Functions", "bin", configuration, framework);
        return File.Exists(Path.Combine(directory, "host.json"))
            ? directory
            : throw new InvalidOperationException($"The app is not built at {directory}.");
    }
}
