namespace Billing.Cli.Upload;

/// <summary>
/// The <c>--prefix</c> of <c>billing upload</c>: folders inside the <c>usage</c> container. A blob's
/// address is the container's URL plus its name, and URLs resolve dot segments, so a prefix of
/// <c>../usage-rejects</c> would write into another container and <c>..</c> into none at all. Such
/// prefixes are refused, never repaired: a guess at what was meant could put files where the app
/// does not look for them.
/// </summary>
internal static class BlobPrefix
{
    /// <summary>Why <paramref name="prefix"/> cannot be used, or null when it can (empty or blank: no prefix).</summary>
    public static string? Problem(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return null;
        }

        var text = prefix.Trim();
        if (text.Any(char.IsControl))
        {
            return "--prefix must not contain control characters.";
        }

        if (text.Contains('\\', StringComparison.Ordinal))
        {
            return $"--prefix '{text}' contains a backslash; separate folders with '/', e.g. 2026/01/.";
        }

        if (text.StartsWith('/'))
        {
            return $"--prefix '{text}' is an absolute path; give folders inside the usage container, e.g. 2026/01/.";
        }

        var segments = text.EndsWith('/') ? text[..^1].Split('/') : text.Split('/');
        if (segments.Any(s => s is "." or ".."))
        {
            return $"--prefix '{text}' has a '.' or '..' folder, which would leave the usage container (or rename the blob); give folders inside it, e.g. 2026/01/.";
        }

        return segments.Any(s => s.Length == 0)
            ? $"--prefix '{text}' has an empty folder name ('//'); e.g. 2026/01/."
            : null;
    }

    /// <summary>The prefix as blob names start with it: empty, or folders ending in '/'.</summary>
    /// <exception cref="ArgumentException">The prefix has a <see cref="Problem"/>.</exception>
    public static string Normalize(string? prefix)
    {
        if (Problem(prefix) is { } problem)
        {
            throw new ArgumentException(problem, nameof(prefix));
        }

        return string.IsNullOrWhiteSpace(prefix) ? string.Empty : prefix.Trim().TrimEnd('/') + "/";
    }
}
