using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Upload;

/// <summary>
/// Drops usage files into the <c>usage</c> container, as a connector would, and waits for the blob
/// function's verdict on each: <c>usage-rejects/&lt;name&gt;.summary.json</c> of that very version.
/// </summary>
internal sealed class UsageUploader(BlobServiceClient blobs, CliEnvironment environment)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private BlobContainerClient Usage => blobs.GetBlobContainerClient(StorageConnection.UsageContainer);

    private BlobContainerClient Rejects => blobs.GetBlobContainerClient(StorageConnection.RejectsContainer);

    /// <summary>Uploads (or overwrites) one file as <paramref name="blobName"/>, showing progress.</summary>
    public async Task<UploadedFile> UploadAsync(string localPath, string blobName, CancellationToken cancellationToken)
    {
        var length = new FileInfo(localPath).Length;
        return await StorageCallAsync(async () =>
        {
            await Usage.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var progress = new UploadProgress(environment.Out, environment.Interactive, blobName, length, environment.Time);
            await using var content = File.OpenRead(localPath);
            var uploaded = await Usage.GetBlobClient(blobName).UploadAsync(
                content,
                new BlobUploadOptions { ProgressHandler = progress },
                cancellationToken).ConfigureAwait(false);
            progress.Complete();
            return new UploadedFile(blobName, uploaded.Value.ETag.ToString("H"), length);
        }).ConfigureAwait(false);
    }

    /// <summary>Waits until the summary of this version of the file exists (an older version's does not count).</summary>
    /// <returns>null when <paramref name="timeout"/> passed first.</returns>
    public async Task<FileSummary?> WaitForSummaryAsync(UploadedFile file, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = environment.Time.GetTimestamp();
        var summary = Rejects.GetBlobClient($"{file.BlobName}.summary.json");
        while (true)
        {
            var found = await StorageCallAsync(() => TryReadAsync(summary, cancellationToken)).ConfigureAwait(false);
            if (found is not null && SameVersion(found.Etag, file.ETag))
            {
                return found;
            }

            if (environment.Time.GetElapsedTime(started) >= timeout)
            {
                return null;
            }

            await Task.Delay(PollEvery, environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first <paramref name="maxRows"/> rejected rows of a file, read as a stream (a rejects blob holds up to 10,000).</summary>
    /// <param name="rejectsBlob">The summary's <c>rejects_blob</c>: <c>usage-rejects/&lt;path&gt;.errors.jsonl</c>.</param>
    /// <returns>No rows when the blob is gone (replaced by a version of the file with nothing rejected).</returns>
    public async Task<IReadOnlyList<RejectedRow>> ReadRejectsAsync(string rejectsBlob, int maxRows, CancellationToken cancellationToken)
    {
        var name = rejectsBlob.StartsWith(StorageConnection.RejectsContainer + "/", StringComparison.Ordinal)
            ? rejectsBlob[(StorageConnection.RejectsContainer.Length + 1)..]
            : rejectsBlob;
        return await StorageCallAsync(async () =>
        {
            var rows = new List<RejectedRow>();
            try
            {
                await using var content = await Rejects.GetBlobClient(name).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false);
                using var lines = new StreamReader(content);
                while (rows.Count < maxRows && await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0)
                    {
                        rows.Add(JsonSerializer.Deserialize(line, ApiJson.Default.RejectedRow)
                            ?? throw new CliException(ExitCodes.Failed, $"{rejectsBlob} holds a line that is not a rejected row: {line}"));
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return rows;
            }

            return (IReadOnlyList<RejectedRow>)rows;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// "events.jsonl: 54 events, 52 accepted, 1 duplicate, 1 rejected, 0 late", where the rejects
    /// are, how many of each reason, the first rejected rows (when read) with the command that
    /// shows the rest, and a file-level error.
    /// </summary>
    /// <param name="rows">The first rejected rows, or null when they were not read.</param>
    public static void WriteSummary(TextWriter output, string name, FileSummary summary, IReadOnlyList<RejectedRow>? rows = null)
    {
        output.WriteLine($"{name}: {FileSummaryView.Counts(summary)}");
        if (summary.RejectsBlob is { } rejects)
        {
            output.WriteLine($"  rejected rows (line, identifier, reason, message): {rejects}");
        }

        if (summary.Rejected > 0)
        {
            output.WriteLine($"  {FileSummaryView.Reasons(summary)}");
        }

        if (rows is { Count: > 0 })
        {
            FileSummaryView.WriteRows(output, rows, "    ");
            if (rows.Count < summary.Rejected)
            {
                var all = summary.Rejected > RejectsCommand.DefaultLimit ? $" --limit {summary.Rejected.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                output.WriteLine($"  the first {Numbers.Count(rows.Count)} of {Numbers.Count(summary.Rejected)} rejected rows; all of them: billing rejects {RejectsCommand.Quoted(name)}{all}");
            }
        }

        if (summary.Error is { } error)
        {
            output.WriteLine($"  ERROR {error.Code}: {error.Message}");
            output.WriteLine(summary.Events > 0
                ? "  the file was not read to its end: the events above were ingested (once; they are duplicates if the file is sent again), the rest were not"
                : "  nothing was ingested from this file");
        }
    }

    private static async Task<FileSummary?> TryReadAsync(BlobClient summary, CancellationToken cancellationToken)
    {
        try
        {
            var content = await summary.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, ApiJson.Default.FileSummary);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // not processed yet (or the container does not exist yet)
        }
        catch (JsonException)
        {
            return null; // being rewritten: read it again on the next poll
        }
    }

    // Storage reports ETags quoted in headers and bare in listings; a version is the same either way.
    private static bool SameVersion(string a, string b) => a.Trim('"') == b.Trim('"');

    private async Task<T> StorageCallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new CliException(ExitCodes.AppNotRunning, $"storage is not reachable at {blobs.Uri}; start it with ./run.sh (or pass --connection).");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new CliException(ExitCodes.Failed, $"storage at {blobs.Uri} refused the credentials of the connection string ({e.Status} {e.ErrorCode}).");
        }
    }

    private static bool IsUnreachable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound }
                || e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnreachable))
            {
                return true;
            }
        }

        return false;
    }
}
