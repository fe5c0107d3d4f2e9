using Azure.Storage.Queues;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Functions.Tests.Invoicing;
using Billing.Invoicing.Workflows;
using Billing.LocalDev;
using Billing.Storage.Closes;
using Billing.Storage.Queues;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Workflows;

/// <summary>
/// ClosePeriods on a real Azurite: which requests it sends, in which order, that it sends them
/// once, and that a scheduled run holds a subscription with more than Billing:MaxCatchUpPeriods
/// ended periods while an advance of the test clock catches up on all of them.
/// </summary>
public sealed class ClosePeriodsHandlerTests(AzuriteFixture azurite)
{
    /// <summary>ClosePeriods' warning that it holds a subscription back.</summary>
    private const int HeldEventId = 302;

    private static readonly long January = TestCatalogs.Anchor.ToUnixTimeSeconds();
    private static readonly long February = TestCatalogs.Anchor.AddMonths(1).ToUnixTimeSeconds();

    /// <summary>2026-12-07T01:30:00Z: eleven monthly periods after a 2026-01-01 anchor have ended (January to November), the twelfth runs.</summary>
    private static readonly DateTimeOffset December7 = new(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);

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

    [Fact]
    public async Task HandleAsync_ScheduledRunElevenPeriodsBehind_SendsNothingKeepsTheMarkerAndWarnsOncePerCount()
    {
        var logs = new RecordedLogs();
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: TestCatalogs.Standard("cus_A"), overrides: s => s.AddSingleton<ILoggerProvider>(logs));
        var handler = h.App.Get<ClosePeriodsHandler>();
        h.Clock.SetUtcNow(December7);

        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: true), Ct)); // at start-up, past due
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct)); // a minute later
        var warnings = logs.WithEventId(HeldEventId);
        h.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero)); // December's grace has passed: 12 periods now
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));

        Assert.Empty(await QueuedAsync(h)); // not even the subscription_create request
        Assert.Empty(await h.App.Get<PeriodCloseStore>().ReadAllAsync(Ct));
        var warning = Assert.Single(warnings); // once, not on every run
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("sub_cus_A has 11 ended periods to invoice at once, from 2026-01-01T00:00:00Z to 2026-12-01T00:00:00Z (UTC)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("more than Billing__MaxCatchUpPeriods = 3 allows", warning.Message, StringComparison.Ordinal);
        Assert.Contains("set Billing__MaxCatchUpPeriods to 11 or more", warning.Message, StringComparison.Ordinal);
        var again = logs.WithEventId(HeldEventId).Skip(1).Single(); // once more when the count changed
        Assert.Contains("sub_cus_A has 12 ended periods to invoice at once, from 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z (UTC)", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 4)] // at the default limit: the create request and three cycle requests
    [InlineData(4, 0)] // one more: held, nothing sent
    public async Task HandleAsync_ScheduledRunWithTheDefaultLimit_SendsUpToThreePeriodsAndHoldsMore(int endedPeriods, int requests)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: TestCatalogs.Standard("cus_A"));
        h.Clock.SetUtcNow(TestCatalogs.Anchor.AddMonths(endedPeriods) + TimeSpan.FromHours(1));

        var closed = await h.App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false), Ct);

        Assert.Equal(requests == 0 ? 0 : endedPeriods, closed);
        Assert.Equal(requests, (await QueuedAsync(h)).Count);
    }

    [Fact]
    public async Task HandleAsync_ScheduledRunElevenPeriodsBehindWithLimitEleven_SendsEveryPeriod()
    {
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            catalog: TestCatalogs.Standard("cus_A"),
            appSettings: new Dictionary<string, string?> { ["Billing:MaxCatchUpPeriods"] = "11" });
        h.Clock.SetUtcNow(December7);

        var closed = await h.App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false), Ct);

        Assert.Equal(11, closed);
        Assert.Equal(ElevenPeriodsOfCustomerA(), await QueuedAsync(h));
    }

    [Fact]
    public async Task HandleAsync_ClockAdvanceRunElevenPeriodsBehind_SendsEveryPeriodWithoutWarning()
    {
        var logs = new RecordedLogs();
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: TestCatalogs.Standard("cus_A"), overrides: s => s.AddSingleton<ILoggerProvider>(logs));
        h.Clock.SetUtcNow(December7);

        var closed = await h.App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: false, IsClockAdvance: true), Ct);

        Assert.Equal(11, closed);
        Assert.Equal(ElevenPeriodsOfCustomerA(), await QueuedAsync(h));
        Assert.Empty(logs.WithEventId(HeldEventId));
    }

    [Fact]
    public async Task HandleAsync_SampleCatalogAsShippedInDecember_SendsNothingForAnySubscription()
    {
        // samples/catalog.json anchors every subscription at 2026-01-01: run as it is, a year of
        // create and cycle invoices would go out at once.
        var logs = new RecordedLogs();
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "samples", "catalog.json"), Ct);
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: sample, overrides: s => s.AddSingleton<ILoggerProvider>(logs));
        h.Clock.SetUtcNow(December7);

        var closed = await h.App.Get<ClosePeriodsHandler>().HandleAsync(new TimerRun(IsPastDue: true), Ct);

        Assert.Equal(0, closed);
        Assert.Empty(await QueuedAsync(h));
        Assert.Equal(
            ["sub_A", "sub_B", "sub_C"],
            logs.WithEventId(HeldEventId).Select(w => w.Message.Split(' ')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_SampleCatalogAnchoredAsUpPreparesIt_RequestsOnlyTheCurrentPeriodsCreateInvoices()
    {
        // billing up's first run: the sample's subscriptions start at the beginning of the current month.
        var december = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "samples", "catalog.json"), Ct);
        var prepared = CatalogAnchors.StartNoEarlierThan(sample, december).Json;
        await using var h = await InvoicingHarness.CreateAsync(azurite, catalog: prepared);
        var handler = h.App.Get<ClosePeriodsHandler>();
        h.Clock.SetUtcNow(December7);

        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: true), Ct));
        Assert.Equal(0, await handler.HandleAsync(new TimerRun(IsPastDue: false), Ct));

        Assert.Equal(
            new[] { "sub_A", "sub_B", "sub_C" }.Select(s => new InvoiceRunRequest(s, december.ToUnixTimeSeconds(), "subscription_create")),
            (await QueuedAsync(h)).OrderBy(r => r.Subscription, StringComparer.Ordinal));
    }

    /// <summary>sub_cus_A's create request, then its cycle requests for January to November 2026, in the order they are sent.</summary>
    private static InvoiceRunRequest[] ElevenPeriodsOfCustomerA() =>
    [
        new("sub_cus_A", January, "subscription_create"),
        .. Enumerable.Range(0, 11).Select(n => new InvoiceRunRequest("sub_cus_A", TestCatalogs.Anchor.AddMonths(n).ToUnixTimeSeconds(), "subscription_cycle")),
    ];

    private async Task<IReadOnlyList<InvoiceRunRequest>> QueuedAsync(InvoicingHarness h)
    {
        var queue = new QueueClient(azurite.ConnectionString, h.Names.InvoiceRunsQueue, WorkQueues.ClientOptions);
        var messages = (await queue.PeekMessagesAsync(maxMessages: 32, Ct)).Value;
        return [.. messages.Select(m => QueueMessages.ReadInvoiceRun(m.Body.ToString())!)];
    }
}
