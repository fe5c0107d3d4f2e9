using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Billing.Cli.Api;
using Billing.Cli.Tests.Support;
using Billing.Cli.Upload;
using Billing.LocalDev.Azurite;

namespace Billing.Cli.Tests.Upload;

/// <summary><c>billing upload</c> explains a file's rejections: the counts per reason, the first rows, and the command that shows the rest.</summary>
public sealed class UploadRejectedRowsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void WriteSummary_FewerRowsThanRejected_PrintsReasonsRowsAndTheRejectsCommand()
    {
        using var output = new StringWriter();
        var summary = new FileSummary(
            "usage/2026/01/bad.jsonl", "0x1", 300, 100, 0, 200, 0, "usage-rejects/2026/01/bad.jsonl.errors.jsonl", 1767225600,
            RejectedByReason: new Dictionary<string, long> { ["malformed"] = 150, ["negative_value"] = 50 });
        RejectedRow[] rows =
        [
            new(1, null, "malformed", "not a JSON object"),
            new(12, "evt-12", "negative_value", "payload.value -3 is negative"),
        ];

        UsageUploader.WriteSummary(output, "2026/01/bad.jsonl", summary, rows);

        Assert.Equal(
            [
                "2026/01/bad.jsonl: 300 events, 100 accepted, 0 duplicates, 200 rejected, 0 late",
                "  rejected rows (line, identifier, reason, message): usage-rejects/2026/01/bad.jsonl.errors.jsonl",
                "  rejected by reason: malformed 150, negative_value 50",
                "    line  identifier  reason          message",
                "       1  -           malformed       not a JSON object",
                "      12  evt-12      negative_value  payload.value -3 is negative",
                "  the first 2 of 200 rejected rows; all of them: billing rejects 2026/01/bad.jsonl --limit 200",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void WriteSummary_EveryRowShown_NoPointerToTheRest()
    {
        using var output = new StringWriter();
        var summary = new FileSummary(
            "usage/one.jsonl", "0x1", 3, 2, 0, 1, 0, "usage-rejects/one.jsonl.errors.jsonl", 1767225600,
            RejectedByReason: new Dictionary<string, long> { ["negative_value"] = 1 });

        UsageUploader.WriteSummary(output, "one.jsonl", summary, [new(2, "e-2", "negative_value", "payload.value -1 is negative")]);

        Assert.Contains("rejected by reason: negative_value 1", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"2  e-2\s+negative_value  payload.value -1 is negative", output.ToString());
        Assert.DoesNotContain("billing rejects", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SummaryWithEightRejectedRows_PrintsTheReasonsAndTheFirstFive()
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: Ct);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var directory = Directory.CreateTempSubdirectory("billing-upload-");
        var path = Path.Combine(directory.FullName, "bad.jsonl");
        await File.WriteAllTextAsync(path, "{}\n", Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            // The app's part: once the file is there, the blob function writes its rejects and summary.
            var app = IngestWhenUploadedAsync(blobs, "in/bad.jsonl", rejected: 8, stop.Token);

            var result = await CliRun.RunRealTimeAsync("upload", path, "--prefix", "in/", "--connection", azurite.ConnectionString, "--timeout", "60");
            await app;

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("in/bad.jsonl: 8 events, 0 accepted, 0 duplicates, 8 rejected, 0 late", result.Out, StringComparison.Ordinal);
            Assert.Contains("  rejected by reason: negative_value 8", result.Out, StringComparison.Ordinal);
            var rows = result.Out.Split('\n').Where(l => l.Contains(" is negative", StringComparison.Ordinal)).ToArray();
            Assert.Equal(5, rows.Length);
            Assert.Matches(@"^\s+1  evt-1\s+negative_value  payload.value -1 is negative", rows[0]);
            Assert.Matches(@"^\s+5  evt-5\s+negative_value  payload.value -5 is negative", rows[4]);
            Assert.Contains("the first 5 of 8 rejected rows; all of them: billing rejects in/bad.jsonl", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task IngestWhenUploadedAsync(BlobServiceClient blobs, string name, int rejected, CancellationToken cancellationToken)
    {
        var file = blobs.GetBlobContainerClient(StorageConnection.UsageContainer).GetBlobClient(name);
        while (!await ExistsAsync(file, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var etag = (await file.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag.ToString("H");
        var rejects = blobs.GetBlobContainerClient(StorageConnection.RejectsContainer);
        await rejects.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var rows = Enumerable.Range(1, rejected).Select(k => JsonSerializer.Serialize(new
        {
            line = k, identifier = $"evt-{k}", reason = "negative_value", message = $"payload.value -{k} is negative",
        }));
        await rejects.GetBlobClient($"{name}.errors.jsonl").UploadAsync(BinaryData.FromString(string.Join('\n', rows) + "\n"), overwrite: true, cancellationToken);
        var summary = new
        {
            file = $"usage/{name}", etag, complete = true, error = (object?)null,
            events = rejected, accepted = 0, duplicates = 0, rejected, late = 0,
            rejected_by_reason = new Dictionary<string, long> { ["negative_value"] = rejected },
            rejects_blob = $"usage-rejects/{name}.errors.jsonl", rejects_truncated = false, completed_at = 1767225600,
        };
        await rejects.GetBlobClient($"{name}.summary.json").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary))), overwrite: true, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.ExistsAsync(cancellationToken)).Value;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false; // the container is not created yet
        }
    }
}
