namespace Billing.Cli.Hosting;

/// <param name="Created">local.settings.json was copied from the sample.</param>
/// <param name="KeyGenerated">A new host key was written to it.</param>
/// <param name="Catalog">On creation, the catalog copy made for it (or kept from an earlier run); null otherwise.</param>
internal sealed record LocalSettingsPrepared(LocalSettings Settings, bool Created, bool KeyGenerated, PreparedCatalog? Catalog = null);
