using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Functions.Tests.Invoicing;
using Billing.Functions.Workflows;
using Billing.Storage.Queues;
using Billing.Testing;

namespace Billing.Functions.Tests.Workflows;

/// <summary>ClosePeriods on a real Azurite: which requests it sends, in which order, and that it sends them once.</summary>
public sealed class ClosePeriodsHandlerTests(AzuriteFixture azurite)
{
    private static readonly long January = TestCatalogs.Anchor.ToUnixTimeSeconds();
    private static readonly long February = TestCatalogs.Anchor.AddMonths(1).ToUnixTimeSeconds();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_SeveralRequestsPerSubscription_SentInRoundsSoNoneQueueSideBySide()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: TestCatalogs.Standard("cus_A", "cus_B"));
        h.Clock.SetUtcNow(TestCatalogs.Anchor.AddMonths(2) + TimeSpan.FromHours(1)); // February's grace has just passed

        var closed = await h.App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: true), Ct);

        Assert.Equal(4, closed);
        // Round by round; inside a round the requests go out in parallel, in any order.
        var queued = await QueuedAsync(h);
        InvoiceRunRequest[][] rounds =
        [
            [new("sub_cus_A", January, "subscription_create"), new("sub_cus_B", January, "subscription_create")],
            [new("sub_cus_A", January, "subscription_cycle"), new("sub_cus_B", January, "subscription_cycle")],
            [new("sub_cus_A", February, "subscription_cycle"), new("sub_cus_B", February, "subscription_cycle")],
        ];
        Assert.Equal(6, queued.Count);
        Assert.Equal(rounds, queued.Chunk(2).Select(round => round.OrderBy(r => r.Subscription, StringComparer.Ordinal).ToArray()));
    }

    [Fact]
    public async Task HandleAsync_RunAgain_SendsOnlyWhatFellDueSince()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: TestCatalogs.Standard("cus_A"));
        var handler = h.App.Get<ClosePeriodsHandler>();
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct)); // mid-January: the create request closes no period
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));
        h.Clock.SetUtcNow(TestCatalogs.Anchor.AddMonths(1) + TimeSpan.FromMinutes(59)); // January ended, its grace has not

        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));
        h.Clock.SetUtcNow(TestCatalogs.Anchor.AddMonths(1) + TimeSpan.FromHours(1));
        Assert.Equal(1, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));

        Assert.Equal(
            [new InvoiceRunRequest("sub_cus_A", January, "subscription_create"), new InvoiceRunRequest("sub_cus_A", January, "subscription_cycle")],
            await QueuedAsync(h));
    }

    private async Task<IReadOnlyList<InvoiceRunRequest>> QueuedAsync(InvoicingHarness h)
    {
        var queue = new QueueClient(azurite.ConnectionString, h.Names.InvoiceRunsQueue, WorkQueues.ClientOptions);
        var messages = (await queue.PeekMessagesAsync(maxMessages: 32, Ct)).Value;
        return [.. messages.Select(m => JsonSerializer.Deserialize(m.Body.ToString(), QueueJson.Default.InvoiceRunRequest)!)];
    }
}
