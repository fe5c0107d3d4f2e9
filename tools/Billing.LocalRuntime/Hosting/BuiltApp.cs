namespace Billing.LocalRuntime.Hosting;

/// <summary>Where <c>dotnet build</c> puts the Billing.Functions app: the default <see cref="LocalHostOptions.AppDirectory"/>.</summary>
public static class BuiltApp
{
    /// <summary>The most recently built of <c>src/Billing.Functions/bin/{Debug,Release}/net10.0</c> under the repository root.</summary>
    /// <exception cref="InvalidOperationException">The app has not been built.</exception>
    public static string Find(string repositoryRoot) =>
        new[] { "Debug", "Release" }
            .Select(c => Path.Combine(repositoryRoot, "src", "Billing.Functions", "bin", c, "net10.0"))
            .Where(d => File.Exists(Path.Combine(d, "host.json")))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "Billing.Functions.dll")))
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No built app under {repositoryRoot}/src/Billing.Functions/bin: run `dotnet build` first, or pass the app directory.");
}
