using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Storage.Webhooks;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Signed webhooks whose content we cannot act on: a body that is not an event is 400
/// <c>invalid_event</c> (never a 500), and an invoice event naming no invoice of ours is
/// acknowledged as <c>ignored</c>, since nothing changed.
/// </summary>
public sealed class WebhookContentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> NotEvents =>
    [
        "{}",
        "[1]",
        "null",
        "42",
        "\"evt_1\"",
        "not json",
        """{"id":"evt_no_type","object":"event"}""",
        """{"object":"event","type":"invoice.paid"}""",
        """{"id":"","object":"event","type":"invoice.paid"}""",
    ];

    [Theory]
    [MemberData(nameof(NotEvents))]
    public async Task PostStripeWebhook_SignedBodyThatIsNotAnEvent_400InvalidEvent(string payload)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        var wall = new FakeTimeProvider(InvoicingHarness.Now);
        using var client = h.StartWebClient(wall);

        var (status, body) = await PostAsync(client, payload, InvoicingHarness.Sign(payload, wall.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_event", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("not a Stripe event", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub_A.1767225600.cycle")] // our id format, but no such invoice was issued
    [InlineData("someone-elses-invoice")]
    public async Task PostStripeWebhook_InvoiceEventNamingNoInvoiceOfOurs_200IgnoredAndNothingChanges(string invoiceId)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        var wall = new FakeTimeProvider(InvoicingHarness.Now);
        using var client = h.StartWebClient(wall);
        var payload = """{"id":"evt_not_ours","object":"event","api_version":"2026-10-28.endive","created":1768867200,"type":"invoice.paid","livemode":false,"pending_webhooks":1,"data":{"object":{"id":"in_not_ours","object":"invoice","customer":"cus_A","status":"paid","total":1000,"attempt_count":1,"metadata":{"invoice_id":"INVOICE"}}}}"""
            .Replace("INVOICE", invoiceId, StringComparison.Ordinal);

        var (status, body) = await PostAsync(client, payload, InvoicingHarness.Sign(payload, wall.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("evt_not_ours", body.GetProperty("event").GetString());
        Assert.Equal("ignored", body.GetProperty("result").GetString());
        Assert.Empty(await h.InvoicesAsync("cus_A"));
        Assert.True(await h.App.Get<WebhookEventStore>().SeenAsync("evt_not_ours", Ct)); // a redelivery is a duplicate
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(text.StartsWith('{'), $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
