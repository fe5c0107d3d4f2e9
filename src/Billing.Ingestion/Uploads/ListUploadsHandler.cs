using Billing.Domain.Ports;

namespace Billing.Ingestion.Uploads;

/// <summary>
/// <c>GET /api/uploads</c>: the usage files under a prefix, in name order (the order storage lists
/// them in: no sorting in memory, and a name cursor stays valid while files arrive or go), each
/// with the summary of its current version, or <c>processing</c> while there is none. The page's
/// summaries are read in parallel (at most <see cref="UploadPaging.MaxLimit"/>).
/// </summary>
public sealed class ListUploadsHandler(IUsageFiles files)
{
    public async Task<UploadList> HandleAsync(ListUploadsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = new List<UsageFileInfo>(request.Limit + 1);
        await foreach (var file in files.ListAsync(request.Prefix, request.StartingAfter, cancellationToken).ConfigureAwait(false))
        {
            page.Add(file);
            if (page.Count > request.Limit)
            {
                break; // one more than asked: there is a next page
            }
        }

        var hasMore = page.Count > request.Limit;
        var shown = hasMore ? page[..request.Limit] : page;
        var views = await Task.WhenAll(shown.Select(f => ViewAsync(f, cancellationToken))).ConfigureAwait(false);
        return new UploadList(views, hasMore);
    }

    private async Task<UploadView> ViewAsync(UsageFileInfo file, CancellationToken cancellationToken)
    {
        var stored = await files.ReadSummaryAsync(file.Name, cancellationToken).ConfigureAwait(false);
        var summary = stored is { } bytes ? StoredSummary.Parse(file.Name, bytes) : null;

        // An earlier version's summary does not describe the file as it is now.
        var current = summary is not null && StoredSummary.Describes(summary, file) ? summary : null;
        return new UploadView(
            file.Name,
            file.Version.Trim('"'),
            file.Size,
            file.LastModified.ToUnixTimeSeconds(),
            current is null ? UploadStatus.Processing : UploadStatus.Processed,
            current);
    }
}
