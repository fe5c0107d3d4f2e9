using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Domain.Catalog;

namespace Billing.Cli.Hosting;

/// <summary>
/// The catalog of a local run. The sample catalog's subscriptions are anchored in the past, and
/// the app invoices every period that has ended since a subscription's anchor, so on a first run
/// (local.settings.json created from the sample) <c>up</c> writes a copy of the sample's catalog to
/// <see cref="PreparedPath"/> (git-ignored) with every subscription that starts before the current
/// UTC month starting at its beginning, and points <c>Billing__CatalogPath</c> at it. Later runs
/// keep the copy as it is: moving anchors again would move the periods under invoices already issued.
/// </summary>
internal static class LocalCatalog
{
    /// <summary>Where the first run writes the catalog, relative to the repository root (the app's working directory).</summary>
    public const string PreparedPath = ".billing/catalog.json";

    /// <summary>The app's catalog when no <c>Billing__CatalogPath</c> is set (BillingOptions.DefaultCatalogPath; the CLI does not reference the app).</summary>
    public const string DefaultPath = "samples/catalog.json";

    /// <summary>The app's defaults for the settings the catch-up check reads (BillingOptions.DefaultMaxCatchUpPeriods, DefaultGracePeriod).</summary>
    public const int DefaultMaxCatchUpPeriods = 3;

    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(1);

    /// <summary>
    /// On creation of local.settings.json: writes the anchored copy of the catalog its
    /// <paramref name="values"/> name (unless a copy from an earlier run is there: it is kept) and
    /// points <c>Billing__CatalogPath</c> at it.
    /// </summary>
    /// <param name="now">This machine's clock; the copy starts at the beginning of its UTC month.</param>
    /// <returns>What was done; null when the named catalog does not exist (<c>up</c> then says so when it loads it).</returns>
    /// <exception cref="CliException">The catalog cannot be read or is invalid.</exception>
    public static PreparedCatalog? Prepare(string repositoryRoot, JsonObject values, DateTimeOffset now)
    {
        var source = values[LocalSettings.CatalogPath] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } path
            ? path
            : DefaultPath;
        var month = StartOfMonth(now);
        var target = Path.Combine(repositoryRoot, PreparedPath);
        if (File.Exists(target))
        {
            values[LocalSettings.CatalogPath] = PreparedPath;
            return new PreparedCatalog(PreparedPath, source, month, Moved: null, Subscriptions: 0);
        }

        var sourcePath = Path.Combine(repositoryRoot, source);
        if (!File.Exists(sourcePath))
        {
            return null;
        }

        ReanchoredCatalog anchored;
        try
        {
            anchored = CatalogAnchors.StartNoEarlierThan(File.ReadAllText(sourcePath), month);
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Failed, $"cannot read the catalog {source}: {e.Message}");
        }
        catch (CatalogException e)
        {
            throw new CliException(ExitCodes.Failed, $"the catalog {source} is invalid:\n{string.Join('\n', e.Errors)}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, anchored.Json);
        values[LocalSettings.CatalogPath] = PreparedPath;
        return new PreparedCatalog(PreparedPath, source, month, anchored.Moved, CatalogLoader.Parse(anchored.Json).Subscriptions.Count);
    }

    /// <summary>
    /// The subscriptions of <paramref name="catalog"/> with more periods ended by <paramref name="now"/>
    /// (grace included) than a scheduled ClosePeriods run of the app invoices at once
    /// (<c>Billing__MaxCatchUpPeriods</c>): the app holds them back. Counted from the anchor: the CLI
    /// cannot see which periods an earlier run has invoiced already.
    /// </summary>
    public static CatchUpCheck CheckCatchUp(BillingCatalog catalog, LocalSettings settings, DateTimeOffset now)
    {
        // Unreadable values are the app's to refuse at start-up; the check then uses the defaults.
        var limit = int.TryParse(settings[LocalSettings.MaxCatchUpPeriods], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max >= 1
            ? max
            : DefaultMaxCatchUpPeriods;
        var grace = TimeSpan.TryParse(settings[LocalSettings.GracePeriod], CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : DefaultGracePeriod;
        var behind = new List<BehindSubscription>();
        foreach (var subscription in catalog.Subscriptions)
        {
            // As the app counts them: the periods before the one containing now - grace have ended.
            var ended = Math.Max(0, subscription.Schedule.IndexOf(now - grace));
            if (ended > limit)
            {
                behind.Add(new BehindSubscription(subscription.Id, ended, subscription.Schedule.StartOf(0), subscription.Schedule.StartOf(ended)));
            }
        }

        return new CatchUpCheck(limit, StartOfMonth(now), behind);
    }

    /// <summary>The instant as the catalog and the app's messages write it: <c>2026-12-01T00:00:00Z</c>.</summary>
    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOfMonth(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
