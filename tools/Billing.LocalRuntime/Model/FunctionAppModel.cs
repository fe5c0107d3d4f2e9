using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;

namespace Billing.LocalRuntime.Model;

/// <summary>
/// A Functions app directory as the host reads it: <c>host.json</c> at the root and one folder per
/// function holding its <c>function.json</c>.
/// </summary>
public sealed record FunctionAppModel(string AppDirectory, HostConfiguration Host, IReadOnlyList<FunctionDefinition> Functions)
{
    public const string HostFileName = "host.json";
    public const string FunctionFileName = "function.json";

    /// <summary>Reads and validates the app directory, resolving <c>%Setting%</c> expressions from <paramref name="settings"/>.</summary>
    /// <exception cref="FunctionAppModelException">A file is missing or malformed; the message names the file and field.</exception>
    public static FunctionAppModel Load(string appDirectory, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Path.GetFullPath(appDirectory);
        var hostFile = Path.Combine(directory, HostFileName);
        if (!File.Exists(hostFile))
        {
            throw new FunctionAppModelException(hostFile, "(file)", "not found: is this the app's build or publish output?");
        }

        var host = HostJsonReader.Read(hostFile);
        var functions = Directory.EnumerateDirectories(directory)
            .Select(folder => Path.Combine(folder, FunctionFileName))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(file => FunctionJsonReader.Read(file, settings))
            .ToArray();
        if (functions.Length == 0)
        {
            throw new FunctionAppModelException(directory, "(functions)", $"no <function>/{FunctionFileName} found.");
        }

        return new FunctionAppModel(directory, host, functions);
    }

    /// <summary>A function by name (case-insensitive, as the host matches them).</summary>
    public FunctionDefinition? Find(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
