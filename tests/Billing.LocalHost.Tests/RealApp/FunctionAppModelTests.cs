using Billing.LocalDev.Settings;
using Billing.LocalHost.Metadata;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>Reading functions.metadata and host.json: the built app, and malformed files named by file and field.</summary>
public sealed class FunctionAppModelTests : IDisposable
{
    private static readonly AppSettings Schedule = new(new Dictionary<string, string?> { ["Billing__ClosePeriodsSchedule"] = "0 */5 * * * *" });
    private readonly string directory = Directory.CreateTempSubdirectory("billing-app-model-").FullName;

    [Fact]
    public void Load_BuiltApp_ReadsHostAndEveryFunction()
    {
        var app = FunctionAppModel.Load(BuiltApp.Directory, Schedule);

        Assert.Equal("api", app.Host.RoutePrefix);
        Assert.Equal(new BlobsConfiguration(4, 5), app.Host.Blobs);
        Assert.Equal(new QueuesConfiguration(5, TimeSpan.FromSeconds(30), 16, QueuesConfiguration.DefaultMaxPollingInterval), app.Host.Queues);
        Assert.Equal(TimeSpan.FromMinutes(10), app.Host.FunctionTimeout);
        Assert.Equal("BillingHub", app.Host.HubName);
        Assert.Contains("IngestUsageBlob", app.Functions.Select(f => f.Name));
        Assert.Equal(new BlobTriggerBinding("blob", "usage", string.Empty, string.Empty, "AzureWebJobsStorage"), app.Find("IngestUsageBlob")!.Trigger);
        Assert.Equal(new QueueTriggerBinding("message", "threshold-checks", "AzureWebJobsStorage"), app.Find("CheckThreshold")!.Trigger);
        Assert.Equal("Billing.Functions.dll", app.Find("IngestUsageBlob")!.ScriptFile);
        var timer = Assert.IsType<TimerTriggerBinding>(app.Find("ClosePeriods")!.Trigger);
        Assert.Equal("0 */5 * * * *", timer.Schedule);
        Assert.True(timer.UseMonitor);
        Assert.Equal(
            new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero),
            timer.Expression.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        var usage = Assert.IsType<HttpTriggerBinding>(app.Find("CustomerUsage")!.Trigger);
        Assert.Equal(("customers/{id}/usage", "function", true), (usage.Route, usage.AuthLevel, usage.RequiresKey));
        Assert.Equal(["GET"], usage.Methods!);
        Assert.NotEmpty(app.Find("InvoiceRun")!.DurableClients);
    }

    [Fact]
    public void Load_UnsetScheduleSetting_NamesFileFieldAndSetting()
    {
        CopyHostJson();
        WriteMetadata("""[{"name":"ClosePeriods","scriptFile":"a.dll","entryPoint":"A.B.C","bindings":[{"name":"timer","type":"timerTrigger","direction":"In","schedule":"%Missing__Schedule%"}]}]""");

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, new AppSettings(null)));

        Assert.EndsWith("functions.metadata", e.File, StringComparison.Ordinal);
        Assert.Equal("[0].bindings[0].schedule", e.Field);
        Assert.Contains("Missing__Schedule", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"t","type":"timerTrigger","schedule":"every minute"}""", "[0].bindings[0].schedule")]
    [InlineData("""{"name":"t","type":"timerTrigger","schedule":"0 0 25 * * *"}""", "[0].bindings[0].schedule")]
    [InlineData("""{"name":"q","type":"queueTrigger"}""", "[0].bindings[0].queueName")]
    [InlineData("""{"name":"r","type":"httpTrigger","authLevel":"secret"}""", "[0].bindings[0].authLevel")]
    [InlineData("""{"name":"e","type":"eventHubTrigger"}""", "[0].bindings[0].type")]
    [InlineData("""{"name":"out","type":"queue","direction":"Out"}""", "[0].bindings")]
    public void Load_MalformedBinding_NamesTheField(string binding, string field)
    {
        CopyHostJson();
        WriteMetadata($$"""[{"name":"Broken","scriptFile":"a.dll","entryPoint":"A.B.C","bindings":[{{binding}}]}]""");

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, Schedule));

        Assert.EndsWith("functions.metadata", e.File, StringComparison.Ordinal);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [InlineData("""{"version":"2.0","extensions":{"queues":{"batchSize":64}}}""", "extensions.queues.batchSize")]
    [InlineData("""{"version":"2.0","extensions":{"queues":{"visibilityTimeout":"soon"}}}""", "extensions.queues.visibilityTimeout")]
    [InlineData("""{"version":"2.0","extensions":{"durableTask":{"hubName":"%NoSuchHub%"}}}""", "extensions.durableTask.hubName")]
    [InlineData("""{"version":"1.0"}""", "version")]
    public void Load_MalformedHostJson_NamesTheField(string json, string field)
    {
        File.WriteAllText(Path.Combine(directory, "host.json"), json);
        WriteMetadata("""[{"name":"CheckThreshold","scriptFile":"a.dll","entryPoint":"A.B.C","bindings":[{"name":"m","type":"queueTrigger","queueName":"q"}]}]""");

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, Schedule));

        Assert.EndsWith("host.json", e.File, StringComparison.Ordinal);
        Assert.Equal(field, e.Field);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void CopyHostJson() => File.Copy(Path.Combine(BuiltApp.Directory, "host.json"), Path.Combine(directory, "host.json"));

    private void WriteMetadata(string json) => File.WriteAllText(Path.Combine(directory, "functions.metadata"), json);
}
