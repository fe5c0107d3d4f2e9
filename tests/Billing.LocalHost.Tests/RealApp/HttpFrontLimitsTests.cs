using System.Net;
using System.Text.Json;
using Billing.Testing;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// Over-limit bodies through the HTTP front, on real sockets: the front streams a body to the app
/// without holding it and passes on the app's 413 in the error shape, whether the app refused it
/// on its Content-Length (before reading any of it) or while reading it (chunked, so that the rest,
/// larger than Kestrel's own 30 MB ceiling, is still on its way); never a 502 for a connection the
/// app cut short.
/// </summary>
public sealed class HttpFrontLimitsTests
{
    private const long TwentyNineMegabytes = 29L * 1024 * 1024;
    private const long SixtyFourMegabytes = 64L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_OverLimitBodiesAtOnce_Each413RequestTooLarge()
    {
        await using var harness = await RuntimeHarness.CreateAsync(
            DateTimeOffset.UtcNow.AddDays(-10),
            ["cus_A"],
            new Dictionary<string, string?> { ["Stripe__ApiKey"] = "sk_test_front_limits", ["Stripe__WebhookSecret"] = "whsec_front_limits" });
        var host = await harness.StartHostAsync("a");
        using var client = RuntimeHarness.Client(host);
        // The anonymous webhook (1 MiB) and the meter events (10 MiB), each twice at once with a
        // Content-Length of 29 MiB and twice chunked with 64 MiB: eight bodies in flight together.
        var requests =
            from path in new[] { "api/stripe/webhook", "api/meter_events" }
            from declaresLength in new[] { true, false, true, false }
            select (path, declaresLength, size: declaresLength ? TwentyNineMegabytes : SixtyFourMegabytes);

        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await client.PostAsync(r.path, new GeneratedContent(r.size, r.declaresLength), Ct);
            return (Request: r, response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        foreach (var (request, status, body) in answers)
        {
            Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{request}: {(int)status} {body}");
            using var document = JsonDocument.Parse(body);
            Assert.Equal("request_too_large", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }
}
