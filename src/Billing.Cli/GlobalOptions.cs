using System.CommandLine;
using Billing.Cli.Hosting;

namespace Billing.Cli;

/// <summary>The options every command takes: where the app is, the key to send, where storage is.</summary>
internal sealed class GlobalOptions
{
    public GlobalOptions()
    {
        Url.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && ParseUrl(text) is null)
            {
                result.AddError($"--url must be an absolute http(s) URL, e.g. {CliSettings.DefaultUrl}; got '{text}'.");
            }
        });
    }

    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The app's base URL. Default: ${CliSettings.UrlVariable}, else {CliSettings.DefaultUrl}.",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string> Key { get; } = new("--key")
    {
        Description = $"Function key sent as x-functions-key. Default: ${CliSettings.KeyVariable}, else Values.{LocalSettings.HostKey} of {LocalSettings.FileName}.",
        HelpName = "key",
        Recursive = true,
    };

    public Option<string> Connection { get; } = new("--connection")
    {
        Description = $"Storage connection string for uploads. Default: Values.{LocalSettings.Storage} of {LocalSettings.FileName}, else {CliSettings.DefaultConnection} (Azurite on its default ports).",
        HelpName = "connection-string",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Url, Key, Connection];

    /// <summary>Options first, then environment variables, then local.settings.json, then defaults.</summary>
    public CliSettings Resolve(ParseResult parse, CliEnvironment environment)
    {
        var local = LocalSettings.Read(environment.RepositoryRoot);
        var url = parse.GetValue(Url) ?? NonEmpty(environment.Variable(CliSettings.UrlVariable)) ?? CliSettings.DefaultUrl;
        var key = parse.GetValue(Key) ?? NonEmpty(environment.Variable(CliSettings.KeyVariable)) ?? local[LocalSettings.HostKey];
        var connection = parse.GetValue(Connection) ?? local[LocalSettings.Storage] ?? CliSettings.DefaultConnection;
        return new CliSettings(
            ParseUrl(url) ?? throw new CliException(ExitCodes.Usage, $"${CliSettings.UrlVariable} must be an absolute http(s) URL; got '{url}'."),
            key,
            connection);
    }

    /// <summary>An absolute http(s) URL with a trailing slash (so relative paths append), or null.</summary>
    internal static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
