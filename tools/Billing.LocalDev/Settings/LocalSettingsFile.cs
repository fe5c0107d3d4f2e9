using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.LocalDev.Settings;

/// <summary>
/// <c>local.settings.json</c> as Core Tools uses it: its <c>Values</c> are the app settings. When
/// the file is missing it is created from <c>local.settings.sample.json</c> (its values adapted
/// by the caller, if it asks); a host key (<see cref="HostKeySetting"/>) is generated on first use
/// and stored in it.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    /// <summary>The <c>Values</c> entry holding the key that HTTP functions with authLevel function or admin require.</summary>
    public const string HostKeySetting = "FunctionsHostKey";

    /// <summary>
    /// The <c>Values</c> entry holding the key customer portal links are signed with (the app's
    /// <c>Portal:SigningKey</c>); generated like the host key, so portal links work locally with
    /// nothing to set, and stay valid across restarts.
    /// </summary>
    public const string PortalSigningKeySetting = "Portal__SigningKey";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Reads <c>&lt;directory&gt;/local.settings.json</c> (creating it from the sample when missing,
    /// or with empty Values when there is no sample) and ensures it holds a host key.
    /// </summary>
    /// <returns>The <c>Values</c>, host key included.</returns>
    public static IReadOnlyDictionary<string, string?> LoadOrCreate(string directory) => Prepare(directory).Values;

    /// <summary>As <see cref="LoadOrCreate"/>, also telling whether the file was created and whether a key was generated.</summary>
    /// <param name="initialize">
    /// When the file is created: called with its <c>Values</c> (the sample's) before it is first
    /// written, to adapt them to this machine. If it throws, no file is written, so the next run
    /// creates it again.
    /// </param>
    /// <exception cref="InvalidOperationException">The file (or the sample it is made from) is not a JSON object.</exception>
    public static PreparedSettings Prepare(string directory, Action<JsonObject>? initialize = null)
    {
        var path = Path.Combine(directory, FileName);
        var created = !File.Exists(path);
        var source = path;
        string text;
        if (created)
        {
            var sample = Path.Combine(directory, SampleFileName);
            (source, text) = File.Exists(sample) ? (sample, File.ReadAllText(sample)) : (path, """{"IsEncrypted": false, "Values": {}}""");
        }
        else
        {
            text = File.ReadAllText(path);
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new InvalidOperationException($"{source}: must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source}: invalid JSON: {e.Message}", e);
        }

        if (root["Values"] is not JsonObject values)
        {
            values = [];
            root["Values"] = values;
        }

        if (created && initialize is not null)
        {
            initialize(values);
        }

        var keyGenerated = IsEmpty(values[HostKeySetting]);
        if (keyGenerated)
        {
            values[HostKeySetting] = NewKey();
        }

        var portalKeyGenerated = IsEmpty(values[PortalSigningKeySetting]);
        if (portalKeyGenerated)
        {
            values[PortalSigningKeySetting] = NewKey();
        }

        if (created || keyGenerated || portalKeyGenerated)
        {
            // A sample that needs nothing changed is copied as it is.
            File.WriteAllText(path, keyGenerated || portalKeyGenerated || initialize is not null ? root.ToJsonString(Indented) + "\n" : text);
        }

        var settings = values.ToDictionary(
            p => p.Key,
            p => p.Value is null ? null : p.Value.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString(),
            StringComparer.OrdinalIgnoreCase);
        return new PreparedSettings(settings, created, keyGenerated);
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is not JsonValue key || key.GetValueKind() != JsonValueKind.String || key.GetValue<string>().Length == 0;

    /// <summary>A new random key: 32 bytes, base64url, like the Functions host's generated keys.</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The <c>Values</c> of local.settings.json, and what <see cref="LocalSettingsFile.Prepare"/> had to do.</summary>
public sealed record PreparedSettings(IReadOnlyDictionary<string, string?> Values, bool Created, bool KeyGenerated);
