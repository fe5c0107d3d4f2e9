using System.Net;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Identifiers of characters outside the Basic Multilingual Plane through <c>POST /api/meter_events</c>:
/// the 100-character limit counts them as one each, and dedup holds for them.
/// </summary>
public sealed class MeterEventsIdentifierTests(AzuriteFixture azurite)
{
    private const string Emoji = "\U0001F600";
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostMeterEvents_HundredEmojiIdentifier_AcceptedThenDuplicateAndHundredAndOneRejected()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var hundred = string.Concat(Enumerable.Repeat(Emoji, 100));
        var hundredAndOne = hundred + Emoji;

        var (status, body) = await MeterEventsApi.PostAsync(client,
        [
            TestEvent.Compute("cus_A", hundred, Jan5, "2"),
            TestEvent.Compute("cus_A", hundred, Jan5, "2"),
            TestEvent.Compute("cus_A", hundredAndOne, Jan5, "2"),
        ]);

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(
            [("accepted", hundred), ("duplicate", hundred), ("rejected", hundredAndOne)],
            results.Select(r => (r.GetProperty("status").GetString(), r.GetProperty("identifier").GetString())));
        Assert.Equal("identifier_too_long", results[2].GetProperty("reason").GetString());
        Assert.Contains("101 characters", results[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2m, (await harness.ReadJanuaryAsync("cus_A"))!.QuantityOf("compute_seconds"));
    }
}
