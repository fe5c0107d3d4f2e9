using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Invoicing.Workflows;
using Billing.Storage.Calls;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Storage that stops answering (the app's storage endpoint is a relay that goes silent, as a
/// frozen Azurite would): the API answers 503 <c>storage_unavailable</c> with <c>Retry-After</c>
/// within the storage call budget (8 s by default) instead of hanging for the SDK's minutes, and
/// the trigger functions fail within it too, for their runtime to retry.
/// </summary>
public sealed class StorageFreezeTests(AzuriteFixture azurite)
{
    /// <summary>Far beyond the 8 s budget and far short of the 90 s and more it took before.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(45);

    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_StorageStopsAnswering_503StorageUnavailableWithRetryAfter()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var proxy = FreezableStorageProxy.Start(azurite.Server);
        await using var web = new BillingWebApp(
            new Dictionary<string, string?>(harness.Settings) { ["AzureWebJobsStorage"] = proxy.ConnectionString },
            harness.Clock);
        using var client = web.CreateClient();
        // Through the relay while storage answers: the same requests succeed.
        using (var usage = await client.GetAsync("/api/customers/cus_A/usage", Ct))
        using (var meter = await PostEventAsync(client, "before-freeze", Ct))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (usage.StatusCode, meter.StatusCode));
        }

        proxy.Freeze();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Generous);
        var answers = await Task.WhenAll(
            client.GetAsync("/api/customers/cus_A/usage", deadline.Token),
            PostEventAsync(client, "during-freeze", deadline.Token));

        foreach (var answer in answers)
        {
            using var response = answer;
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {body}");
            Assert.Equal(TimeSpan.FromSeconds(Billing.Functions.Hosting.HttpEdge.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            using var document = JsonDocument.Parse(body);
            Assert.Equal("storage_unavailable", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Triggers_StorageStopsAnswering_FailStorageUnavailable()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync("frozen.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "in-file", Jan5, "1")]));
        await using var proxy = FreezableStorageProxy.Start(azurite.Server);
        await using var app = await AppInstance.StartAsync(
            new Dictionary<string, string?>(harness.Settings) { ["AzureWebJobsStorage"] = proxy.ConnectionString },
            harness.Clock,
            logging: null,
            Ct);

        proxy.Freeze();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => app.HandleAsync(file, Ct).WaitAsync(Generous, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => app.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false), Ct).WaitAsync(Generous, Ct));
    }

    private static Task<HttpResponseMessage> PostEventAsync(HttpClient client, string identifier, CancellationToken cancellationToken) =>
        client.PostAsync(
            "/api/meter_events",
            new StringContent(TestEvent.Compute("cus_A", identifier, Jan5, "1").ToJson(), Encoding.UTF8, "application/json"),
            cancellationToken);
}
