using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>Bad command lines exit 2 with a message naming the problem; good ones bind their values.</summary>
public sealed class ParsingTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { [], "Required command was not provided" },
        { ["frobnicate"], "frobnicate" },
        { ["usage"], "Required argument missing" },
        { ["usage", "cus_A", "--bogus"], "--bogus" },
        { ["upload"], "Name at least one file to upload, or pass --sample" },
        { ["upload", "/no/such/file.jsonl"], "/no/such/file.jsonl" },
        { ["upload", "--sample", "--timeout", "0"], "--timeout must be a positive number" },
        { ["upload", "--sample", "--timeout", "soon"], "soon" },
        { ["clock", "advance"], "Required argument missing" },
        { ["clock", "advance", "tomorrow"], "'tomorrow' is not a time" },
        { ["clock", "advance", "2026-01-01T00:00:00"], "is not a time" },
        { ["webhooks", "replay", "--since", "+1y"], "--since '+1y' is not a time" },
        { ["--url", "ftp://example", "usage", "cus_A"], "--url must be an absolute http(s) URL" },
        { ["up", "--demo", "extra"], "extra" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task Run_BadCommandLine_ExitsTwoWithMessage(string[] args, string message)
    {
        var result = await CliRun.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Upload_BindsFilesAndOptions()
    {
        // Named as usage files: any other name is refused (UploadFileErrorTests).
        var files = new[] { ".jsonl", ".csv.gz" }.Select(e => Path.Combine(Path.GetTempPath(), $"billing-parse-{Guid.NewGuid():N}{e}")).ToArray();
        Array.ForEach(files, f => File.WriteAllText(f, string.Empty));
        try
        {
            var parse = Parse(["upload", files[0], files[1], "--prefix", "2026/01/", "--no-wait", "--timeout", "30"]);

            Assert.Empty(parse.Errors);
            Assert.Equal(files, parse.GetValue<FileInfo[]>("files")!.Select(f => f.FullName));
            Assert.Equal("2026/01/", parse.GetValue<string>("--prefix"));
            Assert.True(parse.GetValue<bool>("--no-wait"));
            Assert.False(parse.GetValue<bool>("--sample"));
            Assert.Equal(30, parse.GetValue<int>("--timeout"));
        }
        finally
        {
            Array.ForEach(files, File.Delete);
        }
    }

    [Fact]
    public void Parse_UploadWithoutTimeout_DefaultsToTwoMinutes() =>
        Assert.Equal(120, Parse(["upload", "--sample"]).GetValue<int>("--timeout"));

    [Fact]
    public void Parse_ClockAdvanceRelative_CountsFromTheClock() =>
        Assert.Equal(CliRun.Now.AddDays(1).AddHours(2), Parse(["clock", "advance", "+1d2h"]).GetValue<DateTimeOffset>("time"));

    [Fact]
    public void Parse_ReplaySinceInThePast_AcceptsALeadingMinus() =>
        Assert.Equal(CliRun.Now.AddHours(-1), Parse(["webhooks", "replay", "--since", "-1h"]).GetValue<DateTimeOffset?>("--since"));

    [Fact]
    public void Parse_GlobalOptionsAfterTheCommand_AreBound()
    {
        var parse = Parse(["usage", "cus_A", "--url", "http://127.0.0.1:9999", "--key", "k"]);

        Assert.Empty(parse.Errors);
        Assert.Equal("cus_A", parse.GetValue<string>("customer"));
        Assert.Equal("http://127.0.0.1:9999", parse.GetValue<string>("--url"));
        Assert.Equal("k", parse.GetValue<string>("--key"));
    }

    private static System.CommandLine.ParseResult Parse(string[] args)
    {
        using var output = new StringWriter();
        return BillingCli.CreateRoot(CliRun.Environment(output, output, new Dictionary<string, string>(), null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CliRun.Now))).Parse(args);
    }
}
