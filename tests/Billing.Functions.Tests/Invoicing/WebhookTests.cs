extern alias emulator;

using System.Net;
using System.Text;
using Billing.Functions.Invoicing;
using Billing.Storage.Invoices;
using Billing.Testing;
using emulator::Billing.StripeEmulator.State;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Stripe's webhooks through <c>POST /api/stripe/webhook</c>: delivered twice, shuffled or late they
/// reach the same state as in order; forged, stale and unsigned ones are refused and change nothing.
/// </summary>
public sealed class WebhookTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

        var deliveries = order switch
        {
            "in order" => events,
            "reversed" => [.. events.Reverse()],
            "twice each" => [.. events.SelectMany(e => new[] { e, e })],
            "shuffled" => [.. events.OrderBy(e => e.Id.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995)],
            _ => [.. events.Where(e => e.Type == "invoice.paid"), .. events.Where(e => e.Type != "invoice.paid")],
        };
        using var client = h.StartWebClient();
        foreach (var (_, _, payload) in deliveries)
        {
            using var response = await PostAsync(client, payload, InvoicingHarness.Sign(payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var settled = Assert.Single(await h.InvoicesAsync("cus_B"));
        Assert.Equal("paid", settled.Status);
        Assert.Equal(2, settled.Payment.Attempts);
        Assert.Null(settled.Payment.LastError);
        Assert.Equal(issued.Total, settled.Total);
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
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var client = h.StartWebClient();
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

        // The genuine delivery, just inside the tolerance, is applied.
        using var genuine = await PostAsync(client, paid.Payload, InvoicingHarness.Sign(paid.Payload, now - 299));
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
        using var client = h.StartWebClient();
        using var response = await PostAsync(client, payload, InvoicingHarness.Sign(payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
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
