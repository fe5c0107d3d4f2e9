using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.Cli.Upload;
using Billing.LocalDev.Azurite;

namespace Billing.Cli.Tests.Upload;

/// <summary>
/// <c>billing upload --prefix</c> names folders inside the <c>usage</c> container: a prefix that
/// would leave it once the blob's URL is resolved (<c>..</c>), or that is not a relative folder
/// path, is a bad argument (exit 2) and nothing is uploaded.
/// </summary>
public sealed class BlobPrefixTests
{
    public static TheoryData<string, string> BadPrefixes => new()
    {
        { "../usage-rejects", "would leave the usage container" },
        { "..", "would leave the usage container" },
        { "../", "would leave the usage container" },
        { "2026/../../x", "would leave the usage container" },
        { "2026/./01", "'.' or '..' folder" },
        { "/2026/01/", "is an absolute path" },
        { "2026\\01", "contains a backslash" },
        { "..\\usage-rejects", "contains a backslash" },
        { "2026\t01", "control characters" },
        { "2026//01", "empty folder name" },
    };

    [Theory]
    [MemberData(nameof(BadPrefixes))]
    public async Task Upload_PrefixOutsideTheContainer_ExitsTwoAndUploadsNothing(string prefix, string message)
    {
        // Nothing listens there: a command that got as far as uploading would exit 3, not 2.
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
                         $"BlobEndpoint=http://127.0.0.1:{LoopbackPorts.PickFree()}/{AzuriteServer.AccountName};";

        var result = await CliRun.RunAsync("upload", "--sample", "--prefix", prefix, "--connection", connection);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    [InlineData("2026/01/", "2026/01/")]
    [InlineData("2026/01", "2026/01/")]
    [InlineData(" it/ ", "it/")]
    [InlineData("..archive/v1.2/", "..archive/v1.2/")]
    public void Normalize_FoldersInsideTheContainer_EndInOneSlash(string? prefix, string expected)
    {
        Assert.Null(BlobPrefix.Problem(prefix));
        Assert.Equal(expected, BlobPrefix.Normalize(prefix));
    }
}
