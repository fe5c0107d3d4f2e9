using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests.Hosting;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("billing-cli-local").FullName;

    public LocalSettingsTests() => File.WriteAllText(
        Path.Combine(root, LocalSettings.SampleFileName),
        """{"IsEncrypted": false, "Values": {"AzureWebJobsStorage": "UseDevelopmentStorage=true", "Billing__TestClock": true, "FunctionsHostKey": ""}}""");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrepareAsync_NoFile_CopiesTheSampleAndGeneratesAKey()
    {
        var prepared = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(CliRun.Now), Ct);

        Assert.True(prepared.Created);
        Assert.True(prepared.KeyGenerated);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", prepared.Settings[LocalSettings.HostKey]);
        Assert.Equal("UseDevelopmentStorage=true", prepared.Settings[LocalSettings.Storage]);
        Assert.Equal("true", prepared.Settings["Billing__TestClock"]);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, LocalSettings.FileName), Ct))!;
        Assert.Equal(prepared.Settings[LocalSettings.HostKey], written["Values"]![LocalSettings.HostKey]!.GetValue<string>());
        Assert.False(written["IsEncrypted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PrepareAsync_Again_KeepsTheFileAndItsKey()
    {
        var first = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(CliRun.Now), Ct);

        var second = await LocalSettings.PrepareAsync(root, new FakeTimeProvider(CliRun.Now), Ct);

        Assert.False(second.Created);
        Assert.False(second.KeyGenerated);
        Assert.Equal(first.Settings[LocalSettings.HostKey], second.Settings[LocalSettings.HostKey]);
    }

    [Fact]
    public void Read_NoFileOrNoRoot_IsEmpty()
    {
        Assert.Empty(LocalSettings.Read(root).Values);
        Assert.Empty(LocalSettings.Read(null).Values);
    }

    [Fact]
    public void Read_BrokenJson_SaysWhichFile()
    {
        File.WriteAllText(Path.Combine(root, LocalSettings.FileName), "{ nope");

        var error = Assert.Throws<CliException>(() => LocalSettings.Read(root));

        Assert.Contains(LocalSettings.FileName, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
