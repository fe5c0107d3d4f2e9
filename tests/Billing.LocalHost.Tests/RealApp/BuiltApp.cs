using System.Reflection;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>The Billing.Functions build output of the same configuration as these tests: what <c>func start</c> would run.</summary>
internal static class BuiltApp
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var configuration = typeof(BuiltApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var directory = Path.Combine(LocalDev.RepositoryRoot.Find(), "src", "Billing.Functions", "bin", configuration, framework);
        return File.Exists(Path.Combine(directory, "functions.metadata"))
            ? directory
            : throw new InvalidOperationException($"The app is not built at {directory}.");
    }
}
