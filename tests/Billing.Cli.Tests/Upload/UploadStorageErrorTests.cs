using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.LocalDev.Azurite;

namespace Billing.Cli.Tests.Upload;

public sealed class UploadStorageErrorTests
{
    [Fact]
    public async Task Upload_StorageNotListening_ExitsThreeNamingTheEndpointNotTheKey()
    {
        var endpoint = $"http://127.0.0.1:{LoopbackPorts.PickFree()}/{AzuriteServer.AccountName}";
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint={endpoint};";

        var result = await CliRun.RunAsync("upload", "--sample", "--connection", connection);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"storage is not reachable at {endpoint}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadConnectionString_ExitsTwoWithoutEchoingIt()
    {
        var result = await CliRun.RunAsync("upload", "--sample", "--connection", "AccountKey=secret-ish;nonsense");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("connection string", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-ish", result.Error, StringComparison.Ordinal);
    }
}
