namespace Billing.Cli.Hosting;

/// <summary>What <see cref="LocalCatalog.Prepare"/> did on a first run.</summary>
/// <param name="Path">The catalog now named by <c>Billing__CatalogPath</c>, relative to the repository root.</param>
/// <param name="Source">The catalog it was copied from (the sample settings' <c>Billing__CatalogPath</c>).</param>
/// <param name="Anchor">The start of the current UTC month: where subscriptions that started earlier now start.</param>
/// <param name="Moved">The subscriptions whose anchor moved; null when a copy from an earlier run was kept as it is.</param>
/// <param name="Subscriptions">How many subscriptions the copy has (0 when kept).</param>
internal sealed record PreparedCatalog(string Path, string Source, DateTimeOffset Anchor, IReadOnlyList<string>? Moved, int Subscriptions)
{
    /// <summary>One line for the console of <c>up</c>.</summary>
    public string Describe()
    {
        var anchor = LocalCatalog.Text(Anchor);
        var what = Moved switch
        {
            null => $"kept from an earlier run (its anchors never move: delete it together with the app's data, {Commands.UpCommand.DataDirectory}/, to start afresh)",
            [] => $"a copy of {Source}, whose subscriptions all start in or after the current month ({anchor})",
            var moved when moved.Count == Subscriptions => $"the sample's subscriptions anchored at {anchor} (the current month) so nothing before it is billed",
            var moved => $"{string.Join(", ", moved)} anchored at {anchor} (the current month) so nothing before it is billed; the others start later",
        };
        return $"catalog: {Path}, {what} (Values.{LocalSettings.CatalogPath} in {LocalSettings.FileName})";
    }
}
