using Billing.Cli.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.Cli.Tests.Hosting;

public sealed class AppOutputLoggerProviderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("billing-cli-logger").FullName;

    [Fact]
    public void Log_ErrorWithAMultiLineMessageAndAnException_AlertsItsFirstLineAndFilesTheRestBeneathIt()
    {
        var alerts = new List<string>();
        var log = Path.Combine(directory, "app.log");
        using (var output = new AppOutput(log, alerts.Add))
        using (var provider = new AppOutputLoggerProvider(output))
        {
            var logger = provider.CreateLogger("Billing.LocalRuntime.Triggers.BlobTriggerListener");
            logger.Log(LogLevel.Error, new EventId(1203), "IngestUsageBlob: container scan failed\nsecond line", new InvalidOperationException("boom"), (s, _) => s);
            logger.Log(LogLevel.Information, new EventId(1600), "runtime started", null, (s, _) => s);
        }

        Assert.Equal(["fail: Billing.LocalRuntime.Triggers.BlobTriggerListener[1203] IngestUsageBlob: container scan failed"], alerts);
        Assert.Equal(
            [
                "fail: Billing.LocalRuntime.Triggers.BlobTriggerListener[1203] IngestUsageBlob: container scan failed",
                "second line",
                "System.InvalidOperationException: boom",
                "info: Billing.LocalRuntime.Triggers.BlobTriggerListener[1600] runtime started",
            ],
            File.ReadAllLines(log));
    }

    [Fact]
    public void Log_AfterTheOutputWasDisposed_IsDroppedQuietly()
    {
        var output = new AppOutput(Path.Combine(directory, "app.log"));
        using var provider = new AppOutputLoggerProvider(output);
        output.Dispose();

        var logged = Record.Exception(() => provider.CreateLogger("c").Log(LogLevel.Warning, new EventId(1), "late", null, (s, _) => s));

        Assert.Null(logged);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
