using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

public sealed class MeterEventsEndpointLimitsTests(AzuriteFixture azurite)
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostMeterEvents_MaxEvents_AcceptsAll()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await MeterEventsApi.PostAsync(client, ComputeEvents(10_000));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10_000, body.GetProperty("accepted").GetInt64());
        Assert.Equal(10_000, (await harness.ReadJanuaryAsync("cus_A"))!.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task PostMeterEvents_OneMoreThanMaxEvents_Returns413NamingTheLimitAndIngestsNothing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await MeterEventsApi.PostAsync(client, ComputeEvents(10_001));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", body.GetProperty("error").GetProperty("code").GetString());
        var message = body.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("10001", message, StringComparison.Ordinal);
        Assert.Contains("10000", message, StringComparison.Ordinal);
        Assert.Null(await harness.ReadJanuaryAsync("cus_A"));
    }

    [Fact]
    public async Task PostMeterEvents_TenMegabyteArrayOfMillionsOfElements_Returns413InTheErrorShape()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var zeros = "[" + string.Concat(Enumerable.Repeat("0,", (TenMegabytes - 3) / 2)) + "0]";

        var (status, body) = await MeterEventsApi.PostAsync(client, zeros);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("more than 10000 events", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostMeterEvents_BodyOverTenMegabytes_Returns413AndIngestsNothing(bool declaresLength)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        using var content = PaddedEvent(TenMegabytes + 1, declaresLength);

        var (status, body) = await MeterEventsApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("10485760", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await harness.ReadJanuaryAsync("cus_A"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostMeterEvents_BodyOfExactlyTenMegabytes_IsAccepted(bool declaresLength)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        using var content = PaddedEvent(TenMegabytes, declaresLength);

        var (status, body) = await MeterEventsApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt64());
        Assert.Equal(1m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }

    [Theory]
    [InlineData("""[{"event_name":"compute_seconds","timestamp":1767571200,"payload":{"stripe_customer_id":"cus_A","value":"1"}}, {"event_na""")]
    [InlineData("""[{"event_name":"compute_seconds","timestamp":1767571200,"payload":{"stripe_customer_id":"cus_A","value":"1"}}""")]
    [InlineData("""[{"event_name":"compute_seconds","timestamp":1767571200,"payload":{"stripe_customer_id":"cus_A","value":"1"}}] []""")]
    [InlineData("")]
    [InlineData("  \n ")]
    public async Task PostMeterEvents_UnreadableBody_Returns400AndIngestsNothing(string content)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await MeterEventsApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
        Assert.Null(await harness.ReadJanuaryAsync("cus_A"));
    }

    private static IEnumerable<TestEvent> ComputeEvents(int count) =>
        Enumerable.Range(0, count).Select(k => TestEvent.Compute("cus_A", $"m-{k}", Jan5.AddSeconds(k), "1"));

    // Valid NDJSON, so only the size can be refused: one small event padded with blank lines to the size.
    private static HttpContent PaddedEvent(int size, bool declaresLength)
    {
        var json = TestEvent.Compute("cus_A", "big", Jan5, "1").ToJson();
        var bytes = Encoding.UTF8.GetBytes(json + new string('\n', size - json.Length));
        HttpContent content = declaresLength ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }
}
