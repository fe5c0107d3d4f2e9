using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Billing.Functions.Tests.Invoicing;
using Billing.Invoicing.Outbound;
using Billing.Storage.Alerts;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Alerts;

/// <summary>
/// A check that fails while firing — its publish fails, or it stops after publishing and before
/// recording the firing — fails its message; the next check publishes the same event (once) and
/// records it. The receiver gets it once.
/// </summary>
public sealed class AlertRecoveryTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("publish")]
    [InlineData("record")]
    public async Task Alert_CheckFailsWhileFiring_TheNextCheckFiresTheSameEventOnce(string failing)
    {
        await using var h = await AlertHarness.CreateAsync(azurite, services =>
        {
            services.AddSingleton(sp => new FlakyOutboundEvents(ActivatorUtilities.CreateInstance<OutboundEventPublisher>(sp), failures: 0));
            services.AddSingleton<IOutboundEvents>(sp => sp.GetRequiredService<FlakyOutboundEvents>());
            services.AddSingleton(sp => new FlakyAlertRuleStore(sp.GetRequiredService<AlertRuleStore>()));
            services.AddSingleton<IAlertRuleStore>(sp => sp.GetRequiredService<FlakyAlertRuleStore>());
        });
        var alert = await h.CreateAlertAsync(new { subscription = "sub_cus_A", type = "usage", meter = "compute_seconds", gte = 100 });
        if (failing == "publish")
        {
            h.Outbound.App.Get<FlakyOutboundEvents>().FailNext(OutboundEventTypes.AlertTriggered);
        }
        else
        {
            h.Outbound.App.Get<FlakyAlertRuleStore>().FailNextMark = true;
        }

        await h.PostComputeAsync([150m]);
        await Assert.ThrowsAnyAsync<Exception>(() => h.RunChecksAsync());
        var afterFailure = await h.AlertEventsAsync();
        var markedAfterFailure = (await h.AlertAsync(alert)).GetProperty("last_triggered");

        await h.IngestComputeFileAsync([1m]);
        await h.RunChecksAsync();
        var fired = Assert.Single(await h.AlertEventsAsync());
        var received = await h.DeliverAndReceiveAsync();

        Assert.Equal(failing == "publish" ? 0 : 1, afterFailure.Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, markedAfterFailure.ValueKind);
        var marked = (await h.AlertAsync(alert)).GetProperty("last_triggered");
        Assert.Equal(fired.GetProperty("id").GetString(), marked.GetProperty("event").GetString());
        // The value the event was published with: 150 when the first publish went through, 151 when it was the retry's.
        Assert.Equal(failing == "publish" ? 151m : 150m, fired.GetProperty("data").GetProperty("value").GetDecimal());
        Assert.Equal(1, Assert.Single(received).Value);
        Assert.Equal(fired.GetProperty("id").GetString(), received.Single().Key);
        Assert.Equal(alert, fired.GetProperty("data").GetProperty("alert").GetProperty("id").GetString());
    }
}
