extern alias emulator;

using System.Net;
using System.Text;
using Billing.Invoicing;
using Billing.Testing;
using emulator::Billing.StripeEmulator.State;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Stripe's webhooks through <c>POST /api/stripe/webhook</c>: delivered twice, shuffled or late they
/// reach the same state as in order; forged, stale and unsigned ones are refused and change nothing.
/// The app's wall clock, which judges a signature's age, is a fake here, so ages are exact.
/// </summary>
public sealed class WebhookTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A wall clock standing still: a signature made at its now is exactly 0 s old.</summary>
    private static FakeTimeProvider Wall() => new(InvoicingHarness.Now);

    public static TheoryData<string> Orders => ["in order", "reversed", "twice each", "shuffled", "paid first, the rest late"];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Webhooks_AnyOrderOrRepeats_SameFinalStateAsInOrder(string order)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        // A declined charge (our run records it), then the customer pays at Stripe: we learn it from webhooks only.
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_B", 1_100_000);
        await h.DrainAsync();
        var issued = Assert.Single(await h.InvoicesAsync("cus_B"));
        Assert.Equal("open", issued.Status);
        h.Emulator.SetPaymentOutcome("cus_B", PaymentOutcome.Succeeds);
        await new global::Stripe.InvoiceService(h.Stripe).PayAsync(issued.StripeInvoiceId, cancellationToken: Ct);
        var events = await h.StripeEventsAsync(issued.StripeInvoiceId!);
        Assert.Contains(events, e => e.Type == "invoice.payment_failed");
        Assert.Contains(events, e => e.Type == "invoice.paid");

        var seed = order == "shuffled" ? TestSeed.Draw() : null;
        IReadOnlyList<(string Id, string Type, string Payload)> deliveries = order switch
        {
            "in order" => events,
            "reversed" => [.. events.Reverse()],
            "twice each" => [.. events.SelectMany(e => new[] { e, e })],
            "shuffled" => seed!.Shuffle(events),
            _ => [.. events.Where(e => e.Type == "invoice.paid"), .. events.Where(e => e.Type != "invoice.paid")],
        };
        // Failure messages name the order that was delivered, and the seed that drew it.
        var delivered = $"{order}{(seed is null ? string.Empty : $", {seed}")}: {string.Join(", ", deliveries.Select(d => d.Type))}";
        var wall = Wall();
        using var client = h.StartWebClient(wall);
        foreach (var (_, type, payload) in deliveries)
        {
            using var response = await PostAsync(client, payload, InvoicingHarness.Sign(payload, wall.GetUtcNow().ToUnixTimeSeconds()));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type} answered {(int)response.StatusCode}; delivered {delivered}");
        }

        var settled = Assert.Single(await h.InvoicesAsync("cus_B"));
        var state = (settled.Status, settled.Payment.Attempts, LastError: settled.Payment.LastError ?? "none", settled.Total);
        Assert.True(state == ("paid", 2, "none", issued.Total), $"(status, attempts, last error, total) = {state} after delivering {delivered}");
        Assert.Empty((await h.App.Get<ReconciliationHandler>().HandleAsync(Ct)).Drift);
    }

    [Fact]
    public async Task Webhook_ForgedStaleOrUnsigned_400AndNothingChanges()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_A", 1_000_000);
        await h.DrainAsync();
        var issued = Assert.Single(await h.InvoicesAsync("cus_A"));
        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Succeeds);
        await new global::Stripe.InvoiceService(h.Stripe).PayAsync(issued.StripeInvoiceId, cancellationToken: Ct);
        var paid = (await h.StripeEventsAsync(issued.StripeInvoiceId!)).Single(e => e.Type == "invoice.paid");
        var wall = Wall();
        var now = wall.GetUtcNow().ToUnixTimeSeconds();

        using var client = h.StartWebClient(wall);
        string?[] signatures =
        [
            InvoicingHarness.Sign(paid.Payload, now, "whsec_someone_else"), // forged
            InvoicingHarness.Sign(paid.Payload, now - 301), // stale: outside the 300 s tolerance
            null, // unsigned
            InvoicingHarness.Sign(paid.Payload + " ", now), // payload changed after signing
        ];
        foreach (var signature in signatures)
        {
            using var response = await PostAsync(client, paid.Payload, signature);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var unchanged = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("open", unchanged.Status);
        Assert.False(await h.App.Get<Billing.Storage.Webhooks.WebhookEventStore>().SeenAsync(paid.Id, Ct));

        // The genuine delivery, exactly as old as the tolerance allows, is applied.
        using var genuine = await PostAsync(client, paid.Payload, InvoicingHarness.Sign(paid.Payload, now - 300));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal("paid", Assert.Single(await h.InvoicesAsync("cus_A")).Status);
    }

    [Fact]
    public async Task Replay_MissedDeliveries_ReadBackFromStripeAndAppliedOnce()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_C", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_C", 1_000_000);
        await h.DrainAsync();
        var issued = Assert.Single(await h.InvoicesAsync("cus_C"));
        h.Emulator.SetPaymentOutcome("cus_C", PaymentOutcome.Succeeds);
        await new global::Stripe.InvoiceService(h.Stripe).PayAsync(issued.StripeInvoiceId, cancellationToken: Ct);
        Assert.Equal("open", Assert.Single(await h.InvoicesAsync("cus_C")).Status); // no endpoint was configured: nothing delivered

        using var client = h.StartWebClient();
        using var first = await client.PostAsync("/api/test_helpers/webhooks/replay", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        using var second = await client.PostAsync("/api/test_helpers/webhooks/replay", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        var events = (await h.StripeEventsAsync(issued.StripeInvoiceId!)).Count;
        using var firstBody = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct));
        using var secondBody = System.Text.Json.JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(events, firstBody.RootElement.GetProperty("replayed").GetInt32());
        Assert.Equal(events, firstBody.RootElement.GetProperty("applied").GetInt32());
        Assert.Equal(0, secondBody.RootElement.GetProperty("applied").GetInt32()); // dedup by event id
        Assert.Equal("paid", Assert.Single(await h.InvoicesAsync("cus_C")).Status);
    }

    [Fact]
    public async Task Webhook_UnknownType_AcknowledgedAndIgnored()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        const string payload = """{"id":"evt_unknown_1","object":"event","api_version":"2026-10-28.endive","created":1767225600,"type":"customer.created","data":{"object":{"id":"cus_Z","object":"customer"}},"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null}}""";
        var wall = Wall();
        using var client = h.StartWebClient(wall);
        using var response = await PostAsync(client, payload, InvoicingHarness.Sign(payload, wall.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await client.SendAsync(request, Ct);
    }
}
