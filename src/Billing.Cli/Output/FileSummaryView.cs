using System.Globalization;
using Billing.Cli.Api;
using Billing.Cli.Upload;

namespace Billing.Cli.Output;

/// <summary>A usage file's summary and rejected rows as <c>billing upload</c> and <c>billing rejects</c> print them.</summary>
internal static class FileSummaryView
{
    /// <summary>"54 events, 52 accepted, 1 duplicate, 1 rejected, 0 late".</summary>
    public static string Counts(FileSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return $"{Numbers.Count(summary.Events)} event{Plural(summary.Events)}, {Numbers.Count(summary.Accepted)} accepted, "
            + $"{Numbers.Count(summary.Duplicates)} duplicate{Plural(summary.Duplicates)}, "
            + $"{Numbers.Count(summary.Rejected)} rejected, {Numbers.Count(summary.Late)} late";
    }

    /// <summary>"rejected by reason: malformed 2, negative_value 1", and when the rejects blob holds only the first rows, that the counts cover them all.</summary>
    public static string Reasons(FileSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var reasons = (summary.RejectedByReason ?? new Dictionary<string, long>()).Select(r => $"{r.Key} {Numbers.Count(r.Value)}");
        return $"rejected by reason: {string.Join(", ", reasons)}"
            + (summary.RejectsTruncated ? " (too many to list: the rejects file holds the first rows only; these counts cover them all)" : string.Empty);
    }

    /// <summary>The rows as a table: line, identifier ("-" when none), reason, message.</summary>
    public static void WriteRows(TextWriter output, IReadOnlyList<RejectedRow> rows, string indent)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new TextTable(new TableColumn("line", RightAligned: true), new TableColumn("identifier"), new TableColumn("reason"), new TableColumn("message"));
        foreach (var row in rows)
        {
            // Plain line numbers, as editors and `sed -n 12p` take them.
            table.Add(row.Line.ToString(CultureInfo.InvariantCulture), row.Identifier ?? "-", row.Reason, row.Message);
        }

        table.WriteTo(output, indent);
    }

    private static string Plural(long count) => count == 1 ? string.Empty : "s";
}
