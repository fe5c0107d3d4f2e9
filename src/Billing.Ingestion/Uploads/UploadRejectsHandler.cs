using System.Text;
using System.Text.Json;
using Billing.Domain.Ports;
using Billing.Ingestion.UsageFiles;

namespace Billing.Ingestion.Uploads;

/// <summary>
/// <c>GET /api/uploads/rejects</c>: a page of one file's rejected rows, with the summary that
/// counts them. The rows are served while the summary of the file's current version is there; a
/// file deleted after its ingestion keeps its summary and rejects, and they are served as well
/// (there is no newer version they could contradict).
/// </summary>
public sealed class UploadRejectsHandler(IUsageFiles files)
{
    public async Task<UploadRejectsOutcome> HandleAsync(UploadRejectsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var findFile = files.FindAsync(request.File, cancellationToken);
        var readSummary = files.ReadSummaryAsync(request.File, cancellationToken);
        var file = await findFile.ConfigureAwait(false);
        var stored = await readSummary.ConfigureAwait(false);
        if (stored is not { } bytes)
        {
            return file is null
                ? new UploadRejectsOutcome.NotFound(NotFoundMessage(request.File))
                : new UploadRejectsOutcome.Processing(ProcessingMessage(request.File));
        }

        var summary = StoredSummary.Parse(request.File, bytes);
        if (file is not null && !StoredSummary.Describes(summary, file))
        {
            return new UploadRejectsOutcome.Processing(ProcessingMessage(request.File));
        }

        var (rows, hasMore) = summary.Rejected == 0
            ? ([], false)
            : await ReadRowsAsync(request, cancellationToken).ConfigureAwait(false);
        return new UploadRejectsOutcome.Found(new UploadRejectsPage(request.File, summary, rows, hasMore));
    }

    /// <summary>Streams the rejects (at most <c>Ingestion:MaxRejectRows</c> lines, in line order) up to one row past the page.</summary>
    private async Task<(IReadOnlyList<RejectedRow> Rows, bool HasMore)> ReadRowsAsync(UploadRejectsRequest request, CancellationToken cancellationToken)
    {
        var rows = new List<RejectedRow>(request.Limit + 1);
        var content = await files.OpenRejectsAsync(request.File, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return (rows, false); // replaced meanwhile by a version with nothing rejected
        }

        await using (content.ConfigureAwait(false))
        {
            using var lines = new StreamReader(content, Encoding.UTF8);
            while (rows.Count <= request.Limit && await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var row = Parse(request.File, line);
                if (row.Line > request.StartingAfterLine)
                {
                    rows.Add(row);
                }
            }
        }

        var hasMore = rows.Count > request.Limit;
        return (hasMore ? rows[..request.Limit] : rows, hasMore);
    }

    private static RejectedRow Parse(string name, string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, IngestionJson.Default.RejectedRow)
                ?? throw new InvalidDataException($"The rejects of usage file '{name}' hold a JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The rejects of usage file '{name}' hold a line that is not a rejected row: {e.Message}", e);
        }
    }

    private static string NotFoundMessage(string name) =>
        $"No usage file '{name}' (nor a summary of one). Name a file by its path inside the usage container, as GET /api/uploads lists it"
        + (name.StartsWith("usage/", StringComparison.Ordinal) ? $", without the container's name: '{name["usage/".Length..]}'." : ".");

    private static string ProcessingMessage(string name) =>
        $"Usage file '{name}' has not been processed yet: its current version has no summary. Its rejected rows are here once ingestion has written it.";
}
