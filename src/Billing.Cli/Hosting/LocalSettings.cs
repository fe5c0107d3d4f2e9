using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.LocalDev.Settings;

namespace Billing.Cli.Hosting;

/// <summary>
/// The app settings of a local run: <c>Values</c> of <c>local.settings.json</c> at the repository
/// root (git-ignored; created from <c>local.settings.sample.json</c> by <c>billing up</c>).
/// </summary>
internal sealed class LocalSettings
{
    public const string FileName = LocalSettingsFile.FileName;
    public const string SampleFileName = LocalSettingsFile.SampleFileName;

    /// <summary>The function key of a local run; sent as <c>x-functions-key</c>.</summary>
    public const string HostKey = LocalSettingsFile.HostKeySetting;

    public const string Storage = "AzureWebJobsStorage";
    public const string CatalogPath = "Billing__CatalogPath";
    public const string StripeApiKey = "Stripe__ApiKey";
    public const string StripeApiBase = "Stripe__ApiBase";
    public const string StripeWebhookSecret = "Stripe__WebhookSecret";
    public const string TestClock = "Billing__TestClock";
    public const string MaxCatchUpPeriods = "Billing__MaxCatchUpPeriods";
    public const string GracePeriod = "Billing__GracePeriod";

    private LocalSettings(IReadOnlyDictionary<string, string> values) => Values = values;

    public static LocalSettings Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>Every value as text (numbers and booleans as written), by its exact name.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The value, or null when it is missing or empty.</summary>
    public string? this[string name] => Values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The settings of the repository at <paramref name="repositoryRoot"/>; empty when there is no file.</summary>
    public static LocalSettings Read(string? repositoryRoot)
    {
        var path = repositoryRoot is null ? null : Path.Combine(repositoryRoot, FileName);
        if (path is null || !File.Exists(path))
        {
            return Empty;
        }

        try
        {
            var values = JsonNode.Parse(File.ReadAllText(path))?["Values"] as JsonObject;
            return new(values?.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal) ?? []);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Failed, $"{path} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Makes a local run ready: copies the sample to <c>local.settings.json</c> when it is missing,
    /// with the catalog it names copied and anchored in the current month (<see cref="LocalCatalog.Prepare"/>),
    /// and gives an empty or missing <see cref="HostKey"/> a fresh random key.
    /// </summary>
    /// <param name="time">This machine's clock: the first run anchors the catalog's subscriptions in its current month.</param>
    public static Task<LocalSettingsPrepared> PrepareAsync(string repositoryRoot, TimeProvider time, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PreparedSettings prepared;
        PreparedCatalog? catalog = null;
        try
        {
            prepared = LocalSettingsFile.Prepare(repositoryRoot, values => catalog = LocalCatalog.Prepare(repositoryRoot, values, time.GetUtcNow()));
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCodes.Failed, e.Message);
        }

        return Task.FromResult(new LocalSettingsPrepared(Read(repositoryRoot), prepared.Created, prepared.KeyGenerated, catalog));
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
