using Billing.Domain.Outbound;

namespace Billing.Domain.Tests.Outbound;

public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithAttempt_MoreThanTheLogHolds_KeepsTheLatestAndCountsThemAll()
    {
        var delivery = WebhookDelivery.Owed(new WebhookEndpoint("we_1", "https://example.com", ["*"], "whsec_1", T0), T0);

        for (var n = 1; n <= WebhookDelivery.MaxLog + 5; n++)
        {
            delivery = delivery.WithAttempt(new DeliveryAttempt(n, T0.AddMinutes(n), 500, null, TimeSpan.Zero));
        }

        Assert.Equal(WebhookDelivery.MaxLog + 5, delivery.Attempts);
        Assert.Equal(Enumerable.Range(6, WebhookDelivery.MaxLog), delivery.Log.Select(a => a.Number));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(410, false)]
    [InlineData(500, false)]
    [InlineData(null, false)]
    public void Succeeded_Status_Only2xx(int? status, bool succeeded) =>
        Assert.Equal(succeeded, new DeliveryAttempt(1, T0, status, status is null ? "timeout" : null, TimeSpan.Zero).Succeeded);
}
