using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using Billing.LocalRuntime.Model;

namespace Billing.LocalRuntime.Tests;

/// <summary>Reading host.json and function.json: the built app, and malformed files named by file and field.</summary>
public sealed class AppModelTests : IDisposable
{
    private static readonly AppSettings Schedule = new(new Dictionary<string, string?> { ["Billing__ClosePeriodsSchedule"] = "0 */5 * * * *" });
    private readonly string directory = Directory.CreateTempSubdirectory("billing-app-model-").FullName;

    [Fact]
    public void Load_BuiltApp_ReadsHostAndEveryFunction()
    {
        var app = FunctionAppModel.Load(BuiltApp.Directory, Schedule);

        Assert.Equal("Billing.Functions", app.Host.ExecutablePath);
        Assert.True(app.Host.EnableForwardingHttpRequest);
        Assert.Equal("api", app.Host.RoutePrefix);
        Assert.Equal(new BlobsConfiguration(4, 5), app.Host.Blobs);
        Assert.Equal(new QueuesConfiguration(5, TimeSpan.FromSeconds(30), 16, QueuesConfiguration.DefaultMaxPollingInterval), app.Host.Queues);
        Assert.Equal(TimeSpan.FromMinutes(10), app.Host.FunctionTimeout);
        Assert.Equal(["CheckThreshold", "ClosePeriods", "CustomerUsage", "IngestUsageBlob", "InvoiceRun", "Invoices", "MeterEvents", "OpenApi", "Reconcile", "Reconciliation", "StripeWebhook", "TestClockAdvance", "WebhookReplay"], app.Functions.Select(f => f.Name));
        Assert.Equal(new BlobTriggerBinding("blob", "usage", string.Empty, string.Empty, "AzureWebJobsStorage"), app.Find("IngestUsageBlob")!.Trigger);
        Assert.Equal(new QueueTriggerBinding("message", "threshold-checks", "AzureWebJobsStorage"), app.Find("CheckThreshold")!.Trigger);
        var timer = Assert.IsType<TimerTriggerBinding>(app.Find("ClosePeriods")!.Trigger);
        Assert.Equal("0 */5 * * * *", timer.Schedule);
        Assert.True(timer.UseMonitor);
        Assert.Equal(
            new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero),
            timer.Expression.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        var usage = Assert.IsType<HttpTriggerBinding>(app.Find("CustomerUsage")!.Trigger);
        Assert.Equal(("customers/{id}/usage", "function", true), (usage.Route, usage.AuthLevel, usage.RequiresKey));
        Assert.Equal(["GET"], usage.Methods!);
    }

    [Fact]
    public void Load_UnsetScheduleSetting_NamesFileFieldAndSetting()
    {
        CopyHostJson();
        Write("ClosePeriods", """{"bindings":[{"name":"timer","type":"timerTrigger","direction":"in","schedule":"%Missing__Schedule%"}]}""");

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, new AppSettings(null)));

        Assert.EndsWith(Path.Combine("ClosePeriods", "function.json"), e.File, StringComparison.Ordinal);
        Assert.Equal("bindings[0].schedule", e.Field);
        Assert.Contains("Missing__Schedule", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"bindings":[{"name":"t","type":"timerTrigger","schedule":"every minute"}]}""", "bindings[0].schedule")]
    [InlineData("""{"bindings":[{"name":"t","type":"timerTrigger","schedule":"0 0 25 * * *"}]}""", "bindings[0].schedule")]
    [InlineData("""{"bindings":[{"name":"q","type":"queueTrigger"}]}""", "bindings[0].queueName")]
    [InlineData("""{"bindings":[{"name":"r","type":"httpTrigger","authLevel":"secret"}]}""", "bindings[0].authLevel")]
    [InlineData("""{"bindings":[{"name":"e","type":"eventHubTrigger"}]}""", "bindings[0].type")]
    [InlineData("""{"bindings":[{"name":"out","type":"queue","direction":"out"}]}""", "bindings")]
    [InlineData("""{"bindings": [ {"name": "x", """, "(json)")]
    public void Load_MalformedFunctionJson_NamesTheField(string json, string field)
    {
        CopyHostJson();
        Write("Broken", json);

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, Schedule));

        Assert.EndsWith(Path.Combine("Broken", "function.json"), e.File, StringComparison.Ordinal);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [InlineData("""{"version":"2.0"}""", "customHandler")]
    [InlineData("""{"version":"2.0","customHandler":{"description":{}}}""", "customHandler.description.defaultExecutablePath")]
    [InlineData("""{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"}},"extensions":{"queues":{"batchSize":64}}}""", "extensions.queues.batchSize")]
    [InlineData("""{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"}},"extensions":{"queues":{"visibilityTimeout":"soon"}}}""", "extensions.queues.visibilityTimeout")]
    [InlineData("""{"version":"1.0"}""", "version")]
    public void Load_MalformedHostJson_NamesTheField(string json, string field)
    {
        File.WriteAllText(Path.Combine(directory, "host.json"), json);
        Write("CheckThreshold", """{"bindings":[{"name":"m","type":"queueTrigger","queueName":"q"}]}""");

        var e = Assert.Throws<FunctionAppModelException>(() => FunctionAppModel.Load(directory, Schedule));

        Assert.EndsWith("host.json", e.File, StringComparison.Ordinal);
        Assert.Equal(field, e.Field);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void CopyHostJson() => File.Copy(Path.Combine(BuiltApp.Directory, "host.json"), Path.Combine(directory, "host.json"));

    private void Write(string function, string json)
    {
        Directory.CreateDirectory(Path.Combine(directory, function));
        File.WriteAllText(Path.Combine(directory, function, "function.json"), json);
    }
}
