using System.Net;
using System.Text;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>GET /api/uploads</c> over HTTP against Azurite: the files under a prefix in name order, with their summaries, page by page.</summary>
public sealed class UploadsEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "prefix=../usage-rejects/", "prefix" },
        { "prefix=2026/./01/", "prefix" },
        { "prefix=/2026/", "prefix" },
        { "prefix=2026//01/", "prefix" },
        { "prefix=2026%5C01", "prefix" },
        { "prefix=2026%0A01", "prefix" },
        { "prefix=" + new string('a', 1025), "prefix" },
        { "prefix=a&prefix=b", "prefix" },
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=-1", "limit" },
        { "limit=ten", "limit" },
        { "limit=1.5", "limit" },
        { "limit=%2B5", "limit" },
        { "limit=99999999999", "limit" },
        { "limit=1&limit=2", "limit" },
        { "starting_after=../x.jsonl", "starting_after" },
        { "starting_after=2026/01/", "starting_after" },
    };

    [Fact]
    public async Task GetUploads_ProcessedAndWaitingFiles_ListedInNameOrderWithSummaryOrProcessing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("2026/01/b.jsonl", TestFiles.Jsonl(
        [
            TestEvent.Compute("cus_A", "b-1", Jan5, "10"),
            TestEvent.Compute("cus_A", "b-2", Jan5, "-3"),
            TestEvent.Compute("cus_A", "b-3", Jan5, "5"),
        ]));
        var waiting = await harness.UploadAsync("2026/01/a.csv", TestFiles.Csv([TestEvent.Compute("cus_A", "a-1", Jan5, "1")]));
        await harness.UploadAsync("2026/02/c.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "c-1", Jan5, "1")]));

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=2026/01/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["2026/01/a.csv", "2026/01/b.jsonl"], UploadsApi.Names(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
        var (a, b) = (page.GetProperty("data")[0], page.GetProperty("data")[1]);

        var stored = (await azurite.Blobs.GetBlobContainerClient(harness.UsageContainer).GetBlobClient("2026/01/a.csv").GetPropertiesAsync(cancellationToken: Ct)).Value;
        Assert.Equal("processing", a.GetProperty("status").GetString());
        Assert.Equal(waiting.ETag.Trim('"'), a.GetProperty("etag").GetString());
        Assert.Equal(stored.ContentLength, a.GetProperty("size").GetInt64());
        Assert.Equal(stored.LastModified.ToUnixTimeSeconds(), a.GetProperty("uploaded_at").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("summary").ValueKind);

        Assert.Equal("processed", b.GetProperty("status").GetString());
        var summary = b.GetProperty("summary");
        Assert.Equal($"{harness.UsageContainer}/2026/01/b.jsonl", summary.GetProperty("file").GetString());
        Assert.Equal(b.GetProperty("etag").GetString(), summary.GetProperty("etag").GetString()!.Trim('"'));
        Assert.Equal((3L, 2L, 0L, 1L, 0L), (
            summary.GetProperty("events").GetInt64(),
            summary.GetProperty("accepted").GetInt64(),
            summary.GetProperty("duplicates").GetInt64(),
            summary.GetProperty("rejected").GetInt64(),
            summary.GetProperty("late").GetInt64()));
        Assert.Equal(1, summary.GetProperty("rejected_by_reason").GetProperty("negative_value").GetInt64());
        Assert.Equal($"{harness.RejectsContainer}/2026/01/b.jsonl.errors.jsonl", summary.GetProperty("rejects_blob").GetString());
        Assert.True(summary.GetProperty("complete").GetBoolean());
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), summary.GetProperty("completed_at").GetInt64());
    }

    [Fact]
    public async Task GetUploads_OverwrittenAfterIngestion_ProcessingUntilTheNewVersionIsIngested()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("again.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "g-1", Jan5, "1")]));
        var second = await harness.UploadAsync("again.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "g-1", Jan5, "1"), TestEvent.Compute("cus_A", "g-2", Jan5, "2")]));

        var (_, before) = await UploadsApi.GetAsync(client, "/api/uploads");
        await harness.App.HandleAsync(second, Ct);
        var (_, after) = await UploadsApi.GetAsync(client, "/api/uploads");

        // The first version's summary does not describe the file as it is now.
        var waiting = Assert.Single(before.GetProperty("data").EnumerateArray());
        Assert.Equal(("processing", second.ETag.Trim('"')), (waiting.GetProperty("status").GetString(), waiting.GetProperty("etag").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, waiting.GetProperty("summary").ValueKind);
        var done = Assert.Single(after.GetProperty("data").EnumerateArray());
        Assert.Equal("processed", done.GetProperty("status").GetString());
        Assert.Equal((2L, 1L, 1L), (
            done.GetProperty("summary").GetProperty("events").GetInt64(),
            done.GetProperty("summary").GetProperty("accepted").GetInt64(),
            done.GetProperty("summary").GetProperty("duplicates").GetInt64()));
    }

    [Fact]
    public async Task GetUploads_LimitAndStartingAfter_PagesThroughEveryFileOnce()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        foreach (var name in new[] { "p/f3.jsonl", "p/f1.jsonl", "q.jsonl", "p/f5.jsonl", "p/f2.jsonl", "p/f4.jsonl" })
        {
            await harness.UploadAsync(name, Encoding.UTF8.GetBytes("{}\n"));
        }

        var (_, first) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=p/&limit=2");
        var (_, second) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=p/&limit=2&starting_after=p/f2.jsonl");
        var (_, third) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=p/&limit=2&starting_after=p/f4.jsonl");
        // A name that is not (or no longer) there resumes where it would be.
        var (_, gone) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=p/&limit=2&starting_after=p/f2x");

        Assert.Equal("p/f1.jsonl p/f2.jsonl more", UploadsApi.Page(first, "name"));
        Assert.Equal("p/f3.jsonl p/f4.jsonl more", UploadsApi.Page(second, "name"));
        Assert.Equal("p/f5.jsonl end", UploadsApi.Page(third, "name"));
        Assert.Equal("p/f3.jsonl p/f4.jsonl more", UploadsApi.Page(gone, "name"));
    }

    [Fact]
    public async Task GetUploads_NoLimit_PageOfTen()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var names = Enumerable.Range(0, 11).Select(i => $"f{i:00}.jsonl").ToArray();
        foreach (var name in names)
        {
            await harness.UploadAsync(name, Encoding.UTF8.GetBytes("{}\n"));
        }

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(names[..10], UploadsApi.Names(page));
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task GetUploads_NoFileUnderThePrefix_EmptyPage()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.UploadAsync("2026/01/a.jsonl", Encoding.UTF8.GetBytes("{}\n"));

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads?prefix=2025/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(UploadsApi.Names(page));
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task GetUploads_BadQuery_400InvalidRequestNamingTheParameter(string query, string parameter)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await UploadsApi.GetAsync(client, "/api/uploads?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = UploadsApi.Error(body);
        Assert.Equal("invalid_request", code);
        Assert.StartsWith(parameter + " ", message, StringComparison.Ordinal);
    }
}
