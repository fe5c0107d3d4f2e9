namespace Billing.Cli.Upload;

/// <summary>
/// The file types the blob function reads (docs/contracts.md §1, Files). The app refuses any other
/// name with an <c>unsupported_file_type</c> summary; the CLI refuses it before uploading, in the
/// same words. (The CLI talks to the app over HTTP and storage only, so the rule is stated here
/// again rather than shared: a test pins both to the same text.)
/// </summary>
internal static class UsageFileNames
{
    private static readonly string[] Extensions = [".jsonl", ".ndjson", ".json", ".csv"];

    public static bool IsSupported(string name)
    {
        var plain = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return Extensions.Any(e => plain.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    public static string Unsupported(string name) =>
        $"{name}: not a usage file; the supported extensions are .jsonl, .ndjson, .json and .csv, each optionally followed by .gz";
}
