using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The anonymous webhook endpoint reads at most <c>Stripe:MaxWebhookBytes</c> (1 MiB): a larger body,
/// declared or not, is 413 in the error shape before its signature is looked at, and the server
/// never holds it; a body of exactly the limit is read and handled.
/// </summary>
public sealed class WebhookLimitsTests(AzuriteFixture azurite)
{
    private const long TwentyNineMegabytes = 29L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostStripeWebhook_FourUnsigned29MegabyteBodiesAtOnce_Each413RequestTooLarge(bool declaresLength)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        using var client = h.StartWebClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(client, new GeneratedContent(TwentyNineMegabytes, declaresLength), signature: null)));

        foreach (var (status, body) in answers)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Equal("request_too_large", body.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains($"{StripeOptions.DefaultMaxWebhookBytes}", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, StripeOptions.DefaultMaxWebhookBytes + 1)]
    public async Task HandleAsync_29MegabyteBody_TooLargeHavingReadAtMostTheLimit(bool declaresLength, long mostRead)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        using var body = new FillerStream(TwentyNineMegabytes);

        var outcome = await h.App.Get<Billing.Invoicing.StripeWebhookHandler>().HandleAsync(
            new Billing.Invoicing.StripeWebhookRequest(body, declaresLength ? TwentyNineMegabytes : null, Signature: null), Ct);

        Assert.IsType<Billing.Invoicing.WebhookOutcome.TooLarge>(outcome);
        Assert.InRange(body.Position, 0, mostRead);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostStripeWebhook_SignedEventsOfTheLimitAndOneByteMore_HandledThen413(bool declaresLength)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        var wall = new FakeTimeProvider(InvoicingHarness.Now);
        using var client = h.StartWebClient(wall);
        var seen = h.App.Get<Billing.Storage.Webhooks.WebhookEventStore>();
        var atLimit = PaddedEvent("evt_at_limit", StripeOptions.DefaultMaxWebhookBytes);
        var overLimit = PaddedEvent("evt_over_limit", StripeOptions.DefaultMaxWebhookBytes + 1);

        var (atStatus, atBody) = await PostAsync(client, Content(atLimit, declaresLength), InvoicingHarness.Sign(atLimit, wall.GetUtcNow().ToUnixTimeSeconds()));
        var (overStatus, overBody) = await PostAsync(client, Content(overLimit, declaresLength), InvoicingHarness.Sign(overLimit, wall.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, atStatus);
        Assert.Equal("evt_at_limit", atBody.GetProperty("event").GetString());
        Assert.True(await seen.SeenAsync("evt_at_limit", Ct));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overStatus);
        Assert.Equal("request_too_large", overBody.GetProperty("error").GetProperty("code").GetString());
        Assert.False(await seen.SeenAsync("evt_over_limit", Ct));
    }

    /// <summary>An event of a type we ignore, padded with trailing spaces (still valid JSON) to exactly <paramref name="bytes"/> bytes.</summary>
    private static string PaddedEvent(string id, int bytes)
    {
        var json = $$$"""{"id":"{{{id}}}","object":"event","api_version":"2026-10-28.endive","created":1768867200,"type":"customer.created","data":{"object":{"id":"cus_Z","object":"customer"}},"livemode":false,"pending_webhooks":1}""";
        return json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
    }

    /// <summary>A body of filler bytes made as they are read; <see cref="Stream.Position"/> counts what was read.</summary>
    private sealed class FillerStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - position);
            buffer[..count].Fill((byte)'x');
            position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static HttpContent Content(string payload, bool declaresLength)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return declaresLength ? new ByteArrayContent(bytes) : new Hosting.UnknownLengthContent(bytes);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, HttpContent content, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }
}
