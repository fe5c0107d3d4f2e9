namespace Billing.LocalDev.Settings;

/// <summary>
/// App settings as the Functions host sees them: the given values (local.settings.json
/// <c>Values</c>) first, then the environment. <c>Section:Key</c> and <c>Section__Key</c> name the
/// same setting, as in .NET configuration.
/// </summary>
public sealed class AppSettings
{
    private readonly Dictionary<string, string?> values;

    public AppSettings(IReadOnlyDictionary<string, string?>? values)
    {
        this.values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            this.values[Normalize(key)] = value;
        }
    }

    /// <summary>The given values, keys in the environment form (<c>Section__Key</c>).</summary>
    public IReadOnlyDictionary<string, string?> Values => values;

    /// <summary>A setting's value, or null when it is set nowhere.</summary>
    public string? Get(string name)
    {
        var key = Normalize(name);
        return values.TryGetValue(key, out var value) ? value
            : Environment.GetEnvironmentVariable(key) ?? Environment.GetEnvironmentVariable(name);
    }

    /// <summary>True for "true" or "1" (any case).</summary>
    public bool IsTrue(string name) =>
        Get(name) is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>The environment form of a setting name: <c>:</c> becomes <c>__</c>.</summary>
    public static string Normalize(string name) => name.Replace(":", "__", StringComparison.Ordinal);
}
