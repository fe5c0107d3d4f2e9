using System.Text.Json;
using Azure.Storage.Blobs;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.Cli.Upload;
using Billing.LocalDev.Azurite;

namespace Billing.Cli.Tests.Upload;

/// <summary>Files the app cannot read: refused before the upload, or their summary's error shown and the exit code 1.</summary>
public sealed class UploadFileErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("usage.parquet")]
    [InlineData("usage")]
    [InlineData("usage.gz")]
    public async Task Upload_UnsupportedExtension_ExitsTwoWithTheAppsMessageAndUploadsNothing(string name)
    {
        var directory = Directory.CreateTempSubdirectory("billing-upload-");
        var path = Path.Combine(directory.FullName, name);
        await File.WriteAllTextAsync(path, "{}\n", Ct);
        try
        {
            // No storage answers at this connection: a refusal that got as far as uploading would exit 3.
            var endpoint = $"http://127.0.0.1:{LoopbackPorts.PickFree()}/{AzuriteServer.AccountName}";
            var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint={endpoint};";
            var result = await CliRun.RunAsync("upload", path, "--connection", connection);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(
                $"{path}: not a usage file; the supported extensions are .jsonl, .ndjson, .json and .csv, each optionally followed by .gz",
                result.Error,
                StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteSummary_FileErrorAndTruncatedRejects_PrintsTheErrorAndTheCountsByReason()
    {
        using var output = new StringWriter();
        var summary = new FileSummary(
            "usage/cut.jsonl.gz", "0x1", 12_001, 1, 0, 12_000, 0, "usage-rejects/cut.jsonl.gz.errors.jsonl", 1767225600,
            Complete: false,
            Error: new FileSummaryError("truncated_gzip", "the gzip data ends early; lines 1 to 12001 were read"),
            RejectedByReason: new Dictionary<string, long> { ["malformed"] = 11_000, ["negative_value"] = 1_000 },
            RejectsTruncated: true);

        UsageUploader.WriteSummary(output, "cut.jsonl.gz", summary);

        var text = output.ToString();
        Assert.Contains("cut.jsonl.gz: 12,001 events, 1 accepted, 0 duplicates, 12,000 rejected, 0 late", text, StringComparison.Ordinal);
        Assert.Contains("rejected by reason: malformed 11,000, negative_value 1,000", text, StringComparison.Ordinal);
        Assert.Contains("ERROR truncated_gzip: the gzip data ends early; lines 1 to 12001 were read", text, StringComparison.Ordinal);
        Assert.Contains("not read to its end", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SummarySaysTheFileIsBroken_PrintsTheErrorAndExitsOne()
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: Ct);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var directory = Directory.CreateTempSubdirectory("billing-upload-");
        var path = Path.Combine(directory.FullName, "cut.jsonl.gz");
        await File.WriteAllBytesAsync(path, [0x1F, 0x8B, 0x08], Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            // The app's part: once the file is there, the blob function writes its summary.
            var app = SummarizeWhenUploadedAsync(blobs, "cut.jsonl.gz", stop.Token);

            var result = await CliRun.RunRealTimeAsync("upload", path, "--connection", azurite.ConnectionString, "--timeout", "60");
            await app;

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("cut.jsonl.gz: 0 events, 0 accepted", result.Out, StringComparison.Ordinal);
            Assert.Contains("ERROR truncated_gzip: the gzip data ends early", result.Out, StringComparison.Ordinal);
            Assert.Contains("nothing was ingested from this file", result.Out, StringComparison.Ordinal);
            Assert.Contains("not read to its end: cut.jsonl.gz", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task SummarizeWhenUploadedAsync(BlobServiceClient blobs, string name, CancellationToken cancellationToken)
    {
        var file = blobs.GetBlobContainerClient(StorageConnection.UsageContainer).GetBlobClient(name);
        while (!await ExistsAsync(file, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var etag = (await file.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag.ToString("H");
        var summary = new
        {
            file = $"usage/{name}", etag, complete = false,
            error = new { code = "truncated_gzip", message = "the gzip data ends early, after 0 decompressed bytes; no line was read" },
            events = 0, accepted = 0, duplicates = 0, rejected = 0, late = 0,
            rejected_by_reason = new Dictionary<string, long>(), rejects_blob = (string?)null, rejects_truncated = false, completed_at = 1767225600,
        };
        var rejects = blobs.GetBlobContainerClient(StorageConnection.RejectsContainer);
        await rejects.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await rejects.GetBlobClient($"{name}.summary.json").UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(summary)), overwrite: true, cancellationToken);
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
