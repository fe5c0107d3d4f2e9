namespace Billing.Cli;

/// <summary>Where the app and its storage are, and the key to send: resolved once per command.</summary>
/// <param name="Url">The app's base address, ending in a slash.</param>
/// <param name="Key">The function key, or null to send none.</param>
/// <param name="Connection">The storage connection string (never printed: it may hold an account key).</param>
internal sealed record CliSettings(Uri Url, string? Key, string Connection)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string UrlVariable = "BILLING_URL";
    public const string KeyVariable = "BILLING_KEY";
    public const string DefaultConnection = "UseDevelopmentStorage=true";
}
