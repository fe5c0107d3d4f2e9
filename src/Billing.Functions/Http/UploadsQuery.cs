using System.Globalization;
using Billing.Ingestion.Uploads;

namespace Billing.Functions.Http;

/// <summary>
/// The query of the uploads API (<c>prefix</c>, <c>file</c>, <c>limit</c>, <c>starting_after</c>),
/// read at the HTTP edge: a parameter given empty counts as not given, one given twice is refused.
/// Every problem is a 400 <c>invalid_request</c> whose message names the parameter.
/// </summary>
internal static class UploadsQuery
{
    private static readonly string LimitRule = $"limit must be a whole number from 1 to {UploadPaging.MaxLimit} (default {UploadPaging.DefaultLimit})";

    /// <returns>The request, or null and why the query is unusable.</returns>
    public static (ListUploadsRequest? Request, string? Problem) List(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryParameter.Single(query, "prefix", out var prefix) is { } p1)
        {
            return (null, p1);
        }

        if (QueryParameter.Single(query, "starting_after", out var after) is { } p2)
        {
            return (null, p2);
        }

        if (Limit(query, out var limit) is { } p3)
        {
            return (null, p3);
        }

        var problem = UploadPaths.PrefixProblem("prefix", prefix ?? string.Empty)
            ?? (after is null ? null : UploadPaths.FileProblem("starting_after", after));
        return problem is null ? (new ListUploadsRequest(prefix ?? string.Empty, after, limit), null) : (null, problem);
    }

    /// <returns>The request, or null and why the query is unusable.</returns>
    public static (UploadRejectsRequest? Request, string? Problem) Rejects(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryParameter.Single(query, "file", out var file) is { } p1)
        {
            return (null, p1);
        }

        if (QueryParameter.Single(query, "starting_after", out var after) is { } p2)
        {
            return (null, p2);
        }

        if (Limit(query, out var limit) is { } p3)
        {
            return (null, p3);
        }

        if (UploadPaths.FileProblem("file", file ?? string.Empty) is { } p4)
        {
            return (null, p4);
        }

        long line = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out line))
        {
            return (null, $"starting_after must be a line number (a whole number, 0 or more: the last line of the page before); got '{after}'.");
        }

        return (new UploadRejectsRequest(file!, line, limit), null);
    }

    private static string? Limit(IQueryCollection query, out int limit)
    {
        limit = UploadPaging.DefaultLimit;
        if (QueryParameter.Single(query, "limit", out var text) is { } problem)
        {
            return problem;
        }

        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= UploadPaging.MaxLimit
            ? null
            : $"{LimitRule}; got '{text}'.";
    }
}
