using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>Bytes that are not text in one event used to fail the whole request with an empty 500.</summary>
public sealed class MeterEventsEndpointBadBytesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("array", "utf8", "invalid UTF-8 at byte ")]
    [InlineData("array", "surrogate", "lone surrogate escape \\ud800 at byte ")]
    [InlineData("ndjson", "utf8", "invalid UTF-8 at byte ")]
    [InlineData("ndjson", "surrogate", "lone surrogate escape \\ud800 at byte ")]
    public async Task PostMeterEvents_OneEventThatIsNotText_200WithThatEventMalformedAndTheOthersAccepted(string shape, string bad, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var events = Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetBytes(TestEvent.Compute("cus_A", $"b-{i}", Jan5.AddMinutes(i), "2").ToJson())).ToArray();
        var at = events[1].AsSpan().IndexOf("b-1"u8);
        events[1] = [.. events[1][..at], .. bad == "utf8" ? new byte[] { 0xFF } : "\\ud800"u8.ToArray(), .. events[1][at..]];
        byte[] separator = shape == "array" ? [(byte)','] : [(byte)'\n'];
        byte[] body = shape == "array"
            ? [(byte)'[', .. events[0], .. separator, .. events[1], .. separator, .. events[2], (byte)']']
            : [.. events[0], .. separator, .. events[1], .. separator, .. events[2]];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, response) = await MeterEventsApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2L, 1L), (response.GetProperty("accepted").GetInt64(), response.GetProperty("rejected").GetInt64()));
        var result = response.GetProperty("results")[1];
        Assert.Equal(("rejected", "malformed"), (result.GetProperty("status").GetString(), result.GetProperty("reason").GetString()));
        Assert.StartsWith(message, result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(4m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }
}
