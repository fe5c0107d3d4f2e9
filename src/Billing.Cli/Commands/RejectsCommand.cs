using System.CommandLine;
using System.Globalization;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing rejects &lt;file&gt; [--limit N]</c>: a usage file's rejected rows from
/// <c>GET /api/uploads/rejects</c>, page after page up to the limit. Like grep, it exits 1 when
/// there is nothing to show: an unknown file, one not processed yet, or one with nothing rejected.
/// </summary>
internal static class RejectsCommand
{
    /// <summary>Rows shown without <c>--limit</c>.</summary>
    public const int DefaultLimit = 100;

    public const string Missing = "the uploads API (GET /api/uploads/rejects) is not available in this version of the app";

    /// <summary>The most rows the API gives in one page.</summary>
    private const int PageRows = 100;

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var file = new Argument<string>("file")
        {
            Description = "The usage file: its path inside the 'usage' container, as billing upload names it (e.g. 2026/01/events.csv).",
        };
        var limit = new Option<int>("--limit")
        {
            Description = $"Show at most this many rows. Default: {DefaultLimit}.",
            HelpName = "rows",
            DefaultValueFactory = _ => DefaultLimit,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows > 0)
                {
                    return rows;
                }

                result.AddError($"--limit must be a positive number of rows; got '{text}'.");
                return 0;
            },
        };
        var command = new Command(
            "rejects",
            "Show a usage file's rejected rows: line, identifier, reason and message, with the counts per reason (GET /api/uploads/rejects). Exits 1 when the file is unknown, not processed yet, or has nothing rejected.")
        {
            file,
            limit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var name = parse.GetRequiredValue(file);
            var (page, rows) = await ReadAsync(api, name, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            Write(environment.Out, name, page, rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Pages of <c>GET /api/uploads/rejects</c> until <paramref name="limit"/> rows or the last row.</summary>
    /// <returns>The first page (its summary) and every row read.</returns>
    public static async Task<(UploadRejects First, IReadOnlyList<RejectedRow> Rows)> ReadAsync(ApiClient api, string file, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        UploadRejects? first = null;
        var rows = new List<RejectedRow>();
        long after = 0;
        while (true)
        {
            var take = Math.Min(PageRows, limit - rows.Count);
            var query = $"api/uploads/rejects?file={Uri.EscapeDataString(file)}&limit={take.ToString(CultureInfo.InvariantCulture)}"
                + (after > 0 ? $"&starting_after={after.ToString(CultureInfo.InvariantCulture)}" : string.Empty);
            var page = await api.GetAsync(query, ApiJson.Default.UploadRejects, Missing, cancellationToken).ConfigureAwait(false);
            first ??= page;
            rows.AddRange(page.Data);
            if (!page.HasMore || page.Data.Count == 0 || rows.Count >= limit)
            {
                if (rows.Count == 0)
                {
                    throw new CliException(ExitCodes.Failed, NothingRejected(file, first));
                }

                return (first, rows);
            }

            after = page.Data[^1].Line;
        }
    }

    public static void Write(TextWriter output, string file, UploadRejects first, IReadOnlyList<RejectedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(rows);
        var summary = first.Summary;
        output.WriteLine($"{file}: {FileSummaryView.Counts(summary)}");
        output.WriteLine(FileSummaryView.Reasons(summary));
        FileSummaryView.WriteRows(output, rows, string.Empty);
        if (rows.Count < summary.Rejected)
        {
            output.WriteLine($"{Numbers.Count(rows.Count)} of {Numbers.Count(summary.Rejected)} rejected rows shown; more with --limit {summary.Rejected.ToString(CultureInfo.InvariantCulture)}");
        }

        if (summary.Error is { } error)
        {
            output.WriteLine($"ERROR {error.Code}: {error.Message}");
        }
    }

    /// <summary>A file name as the user would type it into a shell: quoted when it has spaces.</summary>
    public static string Quoted(string name) => name.Any(char.IsWhiteSpace) ? $"'{name}'" : name;

    private static string NothingRejected(string file, UploadRejects page) =>
        (page.Summary.Rejected == 0
            ? $"{file}: nothing rejected ({FileSummaryView.Counts(page.Summary)})"
            : $"{file}: no rejected rows to show ({FileSummaryView.Counts(page.Summary)}); the rejects file was replaced meanwhile: try again")
        + (page.Summary.Error is { } error ? $"; the file was not read to its end: {error.Code}: {error.Message}" : string.Empty);
}
