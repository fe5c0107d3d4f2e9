namespace Billing.LocalDev;

/// <summary>Finds the repository root (the folder with <c>package.json</c> and <c>host.json</c>).</summary>
public static class RepositoryRoot
{
    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        // Tests and tools run from bin/…; fall back to the assembly's location.
        return start is null && AppContext.BaseDirectory != Directory.GetCurrentDirectory()
            ? Find(AppContext.BaseDirectory)
            : throw new InvalidOperationException("Could not find the repository root (package.json next to host.json).");
    }
}
