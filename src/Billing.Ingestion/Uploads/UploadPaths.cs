namespace Billing.Ingestion.Uploads;

/// <summary>
/// Names of usage files as the uploads API takes them: a path inside the usage container
/// (<c>2026/01/events.csv</c>), or the start of one (a prefix). A blob's address is the
/// container's URL plus its name, and URLs resolve dot segments, so a name with <c>.</c> or
/// <c>..</c> folders is not one a file can have; such text is refused, never repaired, as
/// <c>billing upload --prefix</c> refuses it.
/// </summary>
public static class UploadPaths
{
    /// <summary>The most characters of a blob name (Azure Storage's limit).</summary>
    public const int MaxLength = 1024;

    /// <summary>Why <paramref name="value"/> cannot be a prefix of file names, or null when it can (empty: every file).</summary>
    /// <param name="parameter">The parameter's name, for the message.</param>
    public static string? PrefixProblem(string parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? null : Problem(parameter, value);
    }

    /// <summary>Why <paramref name="value"/> cannot be the name of a file, or null when it can.</summary>
    public static string? FileProblem(string parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return $"{parameter} is required: a usage file's path inside the container, e.g. 2026/01/events.csv.";
        }

        return value.EndsWith('/')
            ? $"{parameter} '{value}' ends with '/': that is a folder; give a file's path, e.g. 2026/01/events.csv."
            : Problem(parameter, value);
    }

    private static string? Problem(string parameter, string value)
    {
        if (value.Length > MaxLength)
        {
            return $"{parameter} is {value.Length} characters long; a blob name has at most {MaxLength}.";
        }

        if (value.Any(char.IsControl))
        {
            return $"{parameter} must not contain control characters.";
        }

        if (value.Contains('\\', StringComparison.Ordinal))
        {
            return $"{parameter} '{value}' contains a backslash; separate folders with '/', e.g. 2026/01/.";
        }

        if (value.StartsWith('/'))
        {
            return $"{parameter} '{value}' starts with '/'; give a path inside the usage container, e.g. 2026/01/ (without the container's name).";
        }

        var segments = (value.EndsWith('/') ? value[..^1] : value).Split('/');
        if (segments.Any(s => s is "." or ".."))
        {
            return $"{parameter} '{value}' has a '.' or '..' folder, which no blob name can have; give a path inside the usage container, e.g. 2026/01/.";
        }

        return segments.Any(s => s.Length == 0)
            ? $"{parameter} '{value}' has an empty folder name ('//'); e.g. 2026/01/."
            : null;
    }
}
