using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Cli.Api;
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

    /// <summary>The rejected rows of a file: <c>{"line", "identifier", "reason", "message"}</c> per line.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadRejectsAsync(string rejectsBlob, CancellationToken cancellationToken)
    {
        var name = rejectsBlob.StartsWith(StorageConnection.RejectsContainer + "/", StringComparison.Ordinal)
            ? rejectsBlob[(StorageConnection.RejectsContainer.Length + 1)..]
            : rejectsBlob;
        var content = await StorageCallAsync(() => Rejects.GetBlobClient(name).DownloadContentAsync(cancellationToken)).ConfigureAwait(false);
        return content.Value.Content.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToArray();
    }

    /// <summary>
    /// "events.jsonl: 54 events, 52 accepted, 1 duplicate, 1 rejected, 0 late", where the rejects
    /// are (and, when there were too many to list, how many of each reason), and a file-level error.
    /// </summary>
    public static void WriteSummary(TextWriter output, string name, FileSummary summary)
    {
        output.WriteLine(
            $"{name}: {Numbers.Count(summary.Events)} events, {Numbers.Count(summary.Accepted)} accepted, " +
            $"{Numbers.Count(summary.Duplicates)} duplicate{(summary.Duplicates == 1 ? string.Empty : "s")}, " +
            $"{Numbers.Count(summary.Rejected)} rejected, {Numbers.Count(summary.Late)} late");
        if (summary.RejectsBlob is { } rejects)
        {
            output.WriteLine($"  rejected rows (line, identifier, reason, message): {rejects}");
        }

        if (summary.RejectsTruncated)
        {
            var reasons = (summary.RejectedByReason ?? new Dictionary<string, long>()).Select(r => $"{r.Key} {Numbers.Count(r.Value)}");
            output.WriteLine($"  too many to list: the rejects file holds the first rows only; rejected by reason: {string.Join(", ", reasons)}");
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
