using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary><c>billing rejects &lt;file&gt;</c>: what it asks GET /api/uploads/rejects, how it shows the rows, and when it exits 1.</summary>
public sealed class RejectsCommandTests
{
    private const string WrongHeader = """
        {"name": "2026/01/wrong.csv",
         "summary": {"file": "usage/2026/01/wrong.csv", "etag": "0x1", "complete": true, "error": null,
                     "events": 1, "accepted": 0, "duplicates": 0, "rejected": 1, "late": 0,
                     "rejected_by_reason": {"malformed": 1}, "rejects_blob": "usage-rejects/2026/01/wrong.csv.errors.jsonl",
                     "rejects_truncated": false, "completed_at": 1767225600},
         "data": [{"line": 1, "identifier": null, "reason": "malformed", "message": "the CSV header lacks timestamp; its columns are event_name,ts,value. …"}],
         "has_more": false}
        """;

    [Fact]
    public async Task Rejects_OnePage_PrintsCountsReasonsAndRows()
    {
        await using var server = await CannedServer.StartAsync(200, WrongHeader);

        var result = await CliRun.RunAsync("rejects", "2026/01/wrong.csv", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/api/uploads/rejects?file=2026%2F01%2Fwrong.csv&limit=100", "k1"), (request.Method, request.PathAndQuery, request.Key));
        Assert.Equal(
            [
                "2026/01/wrong.csv: 1 event, 0 accepted, 0 duplicates, 1 rejected, 0 late",
                "rejected by reason: malformed 1",
                "line  identifier  reason     message",
                "   1  -           malformed  the CSV header lacks timestamp; its columns are event_name,ts,value. …",
            ],
            Lines(result.Out));
    }

    [Fact]
    public async Task Rejects_RowsOnSeveralPages_FollowsStartingAfterUpToTheLimit()
    {
        // 250 rejected rows on lines 2, 4, 6, …: pages of at most 100, each after the last line of the one before.
        await using var server = await ScriptedServer.StartAsync(request => Page(request, rejected: 250), withQuery: true);

        var result = await CliRun.RunAsync("rejects", "big.jsonl", "--limit", "230", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "GET /api/uploads/rejects?file=big.jsonl&limit=100",
                "GET /api/uploads/rejects?file=big.jsonl&limit=100&starting_after=200",
                "GET /api/uploads/rejects?file=big.jsonl&limit=30&starting_after=400",
            ],
            server.Requests);
        var rows = Lines(result.Out).Where(l => l.Contains("negative_value  line", StringComparison.Ordinal)).ToArray();
        Assert.Equal(230, rows.Length);
        Assert.Matches(@"^\s+2  id-2\s+negative_value  line 2 is negative$", rows[0]);
        Assert.Matches(@"^\s+460  id-460\s+negative_value  line 460 is negative$", rows[^1]);
        Assert.Contains("230 of 250 rejected rows shown; more with --limit 250", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_FewerRowsThanTheLimit_StopsAtTheLastPage()
    {
        await using var server = await ScriptedServer.StartAsync(request => Page(request, rejected: 3), withQuery: true);

        var result = await CliRun.RunAsync("rejects", "few.jsonl", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["GET /api/uploads/rejects?file=few.jsonl&limit=100"], server.Requests);
        Assert.Equal(3, Lines(result.Out).Count(l => l.Contains("negative_value  line", StringComparison.Ordinal)));
        Assert.DoesNotContain("more with --limit", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "upload_not_found", "No usage file 'x.csv' (nor a summary of one).")]
    [InlineData(409, "upload_processing", "Usage file 'x.csv' has not been processed yet: its current version has no summary.")]
    [InlineData(400, "invalid_request", "file '../x.csv' has a '.' or '..' folder.")]
    public async Task Rejects_AppRefuses_ExitsOneWithTheAppsMessage(int status, string code, string message)
    {
        await using var server = await CannedServer.StartAsync(status, $$$"""{"error": {"code": "{{{code}}}", "message": "{{{message}}}"}}""");

        var result = await CliRun.RunAsync("rejects", "x.csv", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"billing: {message} ({status} {code})", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Rejects_NothingRejected_ExitsOneSayingSoWithTheCounts()
    {
        await using var server = await CannedServer.StartAsync(200, """
            {"name": "clean.jsonl",
             "summary": {"file": "usage/clean.jsonl", "etag": "0x1", "complete": true, "error": null,
                         "events": 3, "accepted": 2, "duplicates": 1, "rejected": 0, "late": 0,
                         "rejected_by_reason": {}, "rejects_blob": null, "rejects_truncated": false, "completed_at": 1767225600},
             "data": [], "has_more": false}
            """);

        var result = await CliRun.RunAsync("rejects", "clean.jsonl", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("billing: clean.jsonl: nothing rejected (3 events, 2 accepted, 1 duplicate, 0 rejected, 0 late)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("many")]
    public async Task Rejects_LimitNotAPositiveNumber_ExitsTwo(string limit)
    {
        var result = await CliRun.RunAsync("rejects", "a.csv", "--limit", limit);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"--limit must be a positive number of rows; got '{limit}'.", result.Error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>A page of a file whose rows on lines 2, 4, … 2×<paramref name="rejected"/> were rejected, as the app pages them.</summary>
    private static string Page(string request, int rejected)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + request["GET ".Length..]).Query);
        var after = long.Parse(query["starting_after"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var limit = int.Parse(query["limit"]!, System.Globalization.CultureInfo.InvariantCulture);
        var lines = Enumerable.Range(1, rejected).Select(k => 2L * k).Where(l => l > after).ToArray();
        var rows = lines.Take(limit).Select(l => $$"""{"line": {{l}}, "identifier": "id-{{l}}", "reason": "negative_value", "message": "line {{l}} is negative"}""");
        return $$"""
            {"name": "{{query["file"]}}",
             "summary": {"file": "usage/{{query["file"]}}", "etag": "0x1", "complete": true, "error": null,
                         "events": {{2 * rejected}}, "accepted": {{rejected}}, "duplicates": 0, "rejected": {{rejected}}, "late": 0,
                         "rejected_by_reason": {"negative_value": {{rejected}}}, "rejects_blob": "usage-rejects/{{query["file"]}}.errors.jsonl",
                         "rejects_truncated": false, "completed_at": 1767225600},
             "data": [{{string.Join(",", rows)}}], "has_more": {{(lines.Length > limit ? "true" : "false")}}}
            """;
    }
}
