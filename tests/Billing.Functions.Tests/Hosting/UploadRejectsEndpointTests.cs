using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>GET /api/uploads/rejects</c> over HTTP against Azurite: a file's rejected rows with its summary, page by page.</summary>
public sealed class UploadRejectsEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadQueries => new()
    {
        { string.Empty, "file" },
        { "file=", "file" },
        { "file=2026/01/", "file" },
        { "file=../usage-rejects/a.csv", "file" },
        { "file=/a.csv", "file" },
        { "file=a.csv&file=b.csv", "file" },
        { "file=a.csv&limit=0", "limit" },
        { "file=a.csv&limit=101", "limit" },
        { "file=a.csv&limit=x", "limit" },
        { "file=a.csv&starting_after=-1", "starting_after" },
        { "file=a.csv&starting_after=line7", "starting_after" },
        { "file=a.csv&starting_after=1e3", "starting_after" },
    };

    [Fact]
    public async Task GetUploadRejects_CsvHeaderWithTsForTimestamp_TheOneRejectedRowSaysWhatIsWrong()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("2026/01/wrong.csv", Encoding.UTF8.GetBytes(
            "event_name,ts,identifier,stripe_customer_id,value\ncompute_seconds,1767571200,w-1,cus_A,10\ncompute_seconds,1767571200,w-2,cus_A,20\n"));

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=2026/01/wrong.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026/01/wrong.csv", page.GetProperty("name").GetString());
        var summary = page.GetProperty("summary");
        Assert.Equal((1L, 0L, 1L), (summary.GetProperty("events").GetInt64(), summary.GetProperty("accepted").GetInt64(), summary.GetProperty("rejected").GetInt64()));
        Assert.Equal(1, summary.GetProperty("rejected_by_reason").GetProperty("malformed").GetInt64());
        var row = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(1, row.GetProperty("line").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("identifier").ValueKind);
        Assert.Equal("malformed", row.GetProperty("reason").GetString());
        Assert.StartsWith(
            "the CSV header lacks timestamp; its columns are event_name,ts,identifier,stripe_customer_id,value. A usage CSV starts with a header such as event_name,timestamp,",
            row.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task GetUploadRejects_LimitAndStartingAfter_PagesInLineOrder()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        // Lines 2, 3, 5, 6 and 8 are rejected (negative values), the others accepted.
        var events = Enumerable.Range(1, 8).Select(k => TestEvent.Compute("cus_A", $"r-{k}", Jan5, k is 2 or 3 or 5 or 6 or 8 ? "-1" : "1"));
        await harness.IngestAsync("many.jsonl", TestFiles.Jsonl(events));

        var (_, first) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=many.jsonl&limit=2");
        var (_, second) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=many.jsonl&limit=2&starting_after=3");
        var (_, third) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=many.jsonl&limit=2&starting_after=6");
        var (_, all) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=many.jsonl");

        Assert.Equal("2 3 more", UploadsApi.Page(first, "line"));
        Assert.Equal("5 6 more", UploadsApi.Page(second, "line"));
        Assert.Equal("8 end", UploadsApi.Page(third, "line"));
        Assert.Equal("2 3 5 6 8 end", UploadsApi.Page(all, "line"));
        var row = first.GetProperty("data")[0];
        Assert.Equal(("r-2", "negative_value"), (row.GetProperty("identifier").GetString(), row.GetProperty("reason").GetString()));
        Assert.Contains("negative", row.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUploadRejects_NothingRejected_NoRowsAndTheSummary()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("clean.jsonl", TestFiles.Jsonl(TestEvent.ComputeSeries(1, 3)));

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=clean.jsonl");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(page.GetProperty("data").EnumerateArray());
        Assert.Equal((3L, 0L), (page.GetProperty("summary").GetProperty("accepted").GetInt64(), page.GetProperty("summary").GetProperty("rejected").GetInt64()));
    }

    [Theory]
    [InlineData("nobody.csv", "No usage file 'nobody.csv' (nor a summary of one).")]
    [InlineData("usage/nobody.csv", "without the container's name: 'nobody.csv'.")]
    public async Task GetUploadRejects_UnknownFile_404UploadNotFound(string file, string says)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=" + file);

        Assert.Equal(HttpStatusCode.NotFound, status);
        var (code, message) = UploadsApi.Error(body);
        Assert.Equal("upload_not_found", code);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUploadRejects_UploadedNotProcessed_409UploadProcessing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.UploadAsync("new.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "n-1", Jan5, "-1")]));

        var (status, body) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=new.jsonl");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("upload_processing", UploadsApi.Error(body).Code);
    }

    [Fact]
    public async Task GetUploadRejects_OverwrittenAfterIngestion_409UntilTheNewVersionIsIngestedThenItsRows()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("again.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "g-1", Jan5, "-1")]));
        var second = await harness.UploadAsync("again.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "g-1", Jan5, "1"), TestEvent.Compute("cus_A", "g-2", Jan5, "-2")]));

        var (before, _) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=again.jsonl");
        await harness.App.HandleAsync(second, Ct);
        var (after, page) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=again.jsonl");

        Assert.Equal(HttpStatusCode.Conflict, before);
        Assert.Equal(HttpStatusCode.OK, after);
        var row = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal((2L, "g-2"), (row.GetProperty("line").GetInt64(), row.GetProperty("identifier").GetString()));
    }

    [Fact]
    public async Task GetUploadRejects_FileDeletedAfterIngestion_ItsRowsAreStillServed()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await harness.IngestAsync("gone.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "d-1", Jan5, "-1")]));
        await azurite.Blobs.GetBlobContainerClient(harness.UsageContainer).DeleteBlobAsync("gone.jsonl", cancellationToken: Ct);

        var (status, page) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?file=gone.jsonl");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1L], UploadsApi.Lines(page));
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task GetUploadRejects_BadQuery_400InvalidRequestNamingTheParameter(string query, string parameter)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await UploadsApi.GetAsync(client, "/api/uploads/rejects?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = UploadsApi.Error(body);
        Assert.Equal("invalid_request", code);
        Assert.StartsWith(parameter + " ", message, StringComparison.Ordinal);
    }
}
