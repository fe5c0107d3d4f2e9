using System.Reflection;
using System.Text.Json.Nodes;
using Billing.Functions.Hosting;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// The deployable folder (<c>./publish.sh</c>) is what the Functions host expects of an isolated
/// worker app: functions.metadata naming exactly the functions we mean to serve, each with its
/// trigger as the contract states it, an entry point that exists; the worker's config; the
/// binding extensions the triggers need, Durable included; and the repository's host.json.
/// </summary>
public sealed class PublishLayoutTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    /// <summary>Every function the app serves and its trigger (docs/contracts.md, README "Functions").</summary>
    private static readonly SortedDictionary<string, string> Served = new(StringComparer.Ordinal)
    {
        ["IngestUsageBlob"] = "blobTrigger usage/{name} source=EventGrid connection=AzureWebJobsStorage",
        ["MeterEvents"] = "httpTrigger POST meter_events auth=function",
        ["CustomerUsage"] = "httpTrigger GET customers/{id}/usage auth=function",
        ["Invoices"] = "httpTrigger GET invoices auth=function",
        ["UpcomingInvoice"] = "httpTrigger GET invoices/upcoming auth=function",
        ["Reconciliation"] = "httpTrigger GET reconciliation auth=function",
        ["Uploads"] = "httpTrigger GET uploads auth=function",
        ["UploadRejects"] = "httpTrigger GET uploads/rejects auth=function",
        ["WebhookEndpointCreate"] = "httpTrigger POST webhook_endpoints auth=function",
        ["WebhookEndpoints"] = "httpTrigger GET webhook_endpoints auth=function",
        ["WebhookEndpointDelete"] = "httpTrigger DELETE webhook_endpoints/{id} auth=function",
        ["Events"] = "httpTrigger GET events auth=function",
        ["Event"] = "httpTrigger GET events/{id} auth=function",
        ["EventRedeliver"] = "httpTrigger POST events/{id}/redeliver auth=function",
        ["StripeWebhook"] = "httpTrigger POST stripe/webhook auth=anonymous",
        ["OpenApi"] = "httpTrigger GET openapi.json auth=anonymous",
        ["WebhookReplay"] = "httpTrigger POST test_helpers/webhooks/replay auth=function",
        ["TestClockAdvance"] = "httpTrigger POST test_helpers/clock/advance auth=function +durableClient",
        ["TestClockNow"] = "httpTrigger GET test_helpers/clock auth=function",
        // Spend caps (issue 12, item 3).
        ["SpendCap"] = "httpTrigger PUT subscriptions/{id}/spend_cap auth=function",
        ["CustomerEntitlements"] = "httpTrigger GET customers/{id}/entitlements auth=function",
        // The dashboard and the customer portal (#12 item 8).
        ["PortalLinkCreate"] = "httpTrigger POST customers/{id}/portal_links auth=function",
        ["Dashboard"] = "httpTrigger GET dashboard auth=function",
        ["DashboardCustomer"] = "httpTrigger GET dashboard/customers/{id} auth=function",
        ["Portal"] = "httpTrigger GET portal auth=anonymous",
        ["CheckThreshold"] = "queueTrigger threshold-checks connection=AzureWebJobsStorage",
        ["InvoiceRun"] = "queueTrigger invoice-runs connection=AzureWebJobsStorage +durableClient",
        ["DeliverWebhook"] = "queueTrigger webhook-deliveries connection=AzureWebJobsStorage",
        ["ClosePeriods"] = "timerTrigger %Billing__ClosePeriodsSchedule% useMonitor=true +durableClient",
        ["Reconcile"] = "timerTrigger 0 */5 * * * * useMonitor=true +durableClient",
        // The invoice runs (src/Billing.Invoicing/Runs), named as their tasks (BillingTasks).
        ["InvoiceRunOrchestrator"] = "orchestrationTrigger",
        ["PaymentRetryOrchestrator"] = "orchestrationTrigger",
        ["DraftStripeInvoiceActivity"] = "activityTrigger",
        ["FinalizeStripeInvoiceActivity"] = "activityTrigger",
        ["PayInvoiceActivity"] = "activityTrigger",
        ["SupersedeStripeInvoiceActivity"] = "activityTrigger",
        ["ReportRunStallActivity"] = "activityTrigger",
        ["RetryPaymentActivity"] = "activityTrigger",
        // Alerts (issue 12, item 1).
        ["AlertCreate"] = "httpTrigger POST alerts auth=function",
        ["Alerts"] = "httpTrigger GET alerts auth=function",
        ["AlertDelete"] = "httpTrigger DELETE alerts/{id} auth=function",
    };

    [Fact]
    public void FunctionsMetadata_EachFunction_IsOneWeMeanToServeWithItsTrigger()
    {
        var functions = Metadata();

        Assert.NotEmpty(functions);
        foreach (var (name, trigger) in functions)
        {
            Assert.True(Served.TryGetValue(name, out var expected), $"functions.metadata has {name} ({trigger}), which the app does not mean to serve");
            Assert.Equal(expected, trigger);
        }
    }

    [Fact]
    public void FunctionsMetadata_EveryFunctionWeServe_IsThere()
    {
        var functions = Metadata();

        Assert.Equal(Served.Keys, functions.Keys.Where(Served.ContainsKey));
        Assert.Empty(Served.Keys.Except(functions.Keys));
    }

    [Fact]
    public void FunctionsMetadata_EntryPoints_AreMethodsOfTheAppAssemblyInScriptFile()
    {
        foreach (var function in FunctionsJson())
        {
            var name = function["name"]!.GetValue<string>();
            Assert.Equal("dotnet-isolated", function["language"]!.GetValue<string>());
            var scriptFile = function["scriptFile"]!.GetValue<string>();
            Assert.True(File.Exists(Path.Combine(published.Directory, scriptFile)), $"{name}: {scriptFile} is not in the published folder");
            var entryPoint = function["entryPoint"]!.GetValue<string>();
            var type = typeof(BillingApp).Assembly.GetType(entryPoint[..entryPoint.LastIndexOf('.')]);
            Assert.True(type?.GetMethod(entryPoint[(entryPoint.LastIndexOf('.') + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static) is not null, $"{name}: no method {entryPoint}");
        }
    }

    [Fact]
    public void PublishedFolder_WorkerConfigExtensionsAndHostJson_AreTheIsolatedWorkerLayout()
    {
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", worker["language"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(published.Directory, ".azurefunctions")), ".azurefunctions/ is missing");

        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "extensions.json")))!["extensions"]!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>()).ToArray();
        Assert.Contains("DurableTask", extensions);
        Assert.Contains("AzureStorageBlobs", extensions);
        Assert.Contains("AzureStorageQueues", extensions);

        var root = RepositoryRoot();
        Assert.Equal(File.ReadAllText(Path.Combine(root, "host.json")), File.ReadAllText(Path.Combine(published.Directory, "host.json")));
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "host.json")))!;
        Assert.Null(host["customHandler"]);
        Assert.Equal("BillingHub", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Empty(Directory.GetFiles(published.Directory, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void HttpFunctionsOfTheTests_AreThoseOfFunctionsMetadata()
    {
        // The tests serve the HTTP functions by reflection (HttpFunctions): the same set as the host's.
        var metadata = Metadata().Where(f => f.Value.StartsWith("httpTrigger ", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value.Split(" +")[0]); // the trigger alone, without other bindings
        var tests = HttpFunctions.All.ToDictionary(f => f.Name, f => $"httpTrigger {f.Method} {f.Route} auth={f.AuthLevel.ToString().ToLowerInvariant()}");

        Assert.Equal(metadata.OrderBy(f => f.Key, StringComparer.Ordinal), tests.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    private static string RepositoryRoot() => Billing.LocalDev.RepositoryRoot.Find(AppContext.BaseDirectory);

    private IEnumerable<JsonNode> FunctionsJson() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "functions.metadata")))!.AsArray().Select(f => f!);

    /// <summary>Each function of functions.metadata as "trigger details +other bindings".</summary>
    private SortedDictionary<string, string> Metadata()
    {
        var functions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in FunctionsJson())
        {
            var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToArray();
            var trigger = Assert.Single(bindings, b => Text(b, "type")!.EndsWith("Trigger", StringComparison.Ordinal));
            var others = bindings.Select(b => Text(b, "type")!).Where(t => !t.EndsWith("Trigger", StringComparison.Ordinal) && t != "http");
            functions[function["name"]!.GetValue<string>()] = Describe(trigger) + string.Concat(others.Select(t => " +" + t));
        }

        return functions;
    }

    private static string Describe(JsonObject trigger) => Text(trigger, "type") switch
    {
        "httpTrigger" => $"httpTrigger {string.Join(",", trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order(StringComparer.Ordinal))} {Text(trigger, "route")} auth={Text(trigger, "authLevel")!.ToLowerInvariant()}",
        "blobTrigger" => $"blobTrigger {Text(trigger, "path")} source={Text(trigger, "source")} connection={Text(trigger, "connection")}",
        "queueTrigger" => $"queueTrigger {Text(trigger, "queueName")} connection={Text(trigger, "connection")}",
        "timerTrigger" => $"timerTrigger {Text(trigger, "schedule")} useMonitor={Text(trigger, "useMonitor")?.ToLowerInvariant()}",
        var other => other!,
    };

    private static string? Text(JsonObject binding, string name) => binding[name] switch
    {
        null => null,
        var value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        var value => value.ToJsonString(),
    };
}
