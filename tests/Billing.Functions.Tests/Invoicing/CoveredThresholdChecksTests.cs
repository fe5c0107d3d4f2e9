using Billing.Invoicing.Workflows;
using Billing.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A threshold check carries the period's committed events after its commit, and a check that an
/// earlier judgment of a later state covers reads nothing (docs/contracts.md §3): a burst of
/// commits to one subscription costs one judgment, not one per commit. Each commit here passes
/// the threshold on its own, so every check that is judged requests a run, and the handler's
/// count of requested runs shows which were.
/// </summary>
public sealed class CoveredThresholdChecksTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checks_OfABurstHandledAfterItsLastCommit_OnlyTheLastIsJudged()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 1_200_000);
        await h.PostComputeAsync("cus_A", 1_200_000, 1);
        await h.PostComputeAsync("cus_A", 1_200_000, 1, 1);
        var messages = await h.TakeThresholdChecksAsync();
        Assert.Equal([1L, 3L, 6L], messages.Select(m => Assert.Single(m).Events));

        var handler = h.App.Get<CheckThresholdHandler>();
        Assert.Equal(1, await handler.HandleAsync(messages[2], Ct));
        Assert.Equal(0, await handler.HandleAsync(messages[0], Ct));
        Assert.Equal(0, await handler.HandleAsync(messages[1], Ct));
        Assert.Single(await h.PeekInvoiceRunsAsync());

        // A check without a count (sent before counts were) is judged; so is a later commit's.
        Assert.Equal(1, await handler.HandleAsync([messages[0][0] with { Events = null }], Ct));
        await h.PostComputeAsync("cus_A", 1);
        var later = Assert.Single(Assert.Single(await h.TakeThresholdChecksAsync()));
        Assert.Equal(7, later.Events);
        Assert.Equal(1, await handler.HandleAsync([later], Ct));
    }

    /// <summary>The memo is the instance's own: another instance judges a check again (never less).</summary>
    [Fact]
    public async Task Check_CoveredOnOneInstance_IsJudgedOnAnother()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 1_200_000);
        var check = Assert.Single(Assert.Single(await h.TakeThresholdChecksAsync()));
        Assert.Equal(1, await h.App.Get<CheckThresholdHandler>().HandleAsync([check], Ct));
        Assert.Equal(0, await h.App.Get<CheckThresholdHandler>().HandleAsync([check], Ct));

        var other = await h.StartInstanceAsync();
        Assert.Equal(1, await other.Get<CheckThresholdHandler>().HandleAsync([check], Ct));
    }

    /// <summary>
    /// Found by a user: Ctrl+C while a file was ingested; its events were committed but its check
    /// never reached CheckThreshold, and the retry after the restart found every event a duplicate.
    /// The retry's check is what judges that usage: the threshold invoice follows.
    /// </summary>
    [Theory]
    [InlineData("file")]
    [InlineData("meter events")]
    public async Task Retry_EveryEventADuplicateAfterTheChecksWereLost_ChecksAgainAndTheThresholdInvoiceFollows(string path)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        ComputeEvent[] batch = [new(InvoicingHarness.Now, "cus_A", 1_200_000)];
        await Ingest(h, path, batch, "c-lost-1");
        Assert.Single(Assert.Single(await h.TakeThresholdChecksAsync())); // lost: never handled

        await Ingest(h, path, batch, "c-lost-1");
        var issued = await h.DrainAsync();

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal([invoice.Id], issued);
        Assert.Equal("subscription_threshold", invoice.BillingReason);
        Assert.Equal(12_500, invoice.Total);
    }

    private static Task Ingest(InvoicingHarness h, string path, ComputeEvent[] batch, string identifier) =>
        path == "file" ? h.IngestComputeFileAsync(batch, identifier) : h.PostComputeBatchAsync(batch, identifier);

    /// <summary>A file committed in several chunks: its check counts the period's events after the last one.</summary>
    [Fact]
    public async Task FileCheck_CommittedInChunks_CarriesThePeriodsEventsAfterTheLastChunk()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite, appSettings: new Dictionary<string, string?> { ["Ingestion:ChunkEvents"] = "2" });
        await h.PostComputeAsync("cus_A", 5);
        await h.TakeThresholdChecksAsync();

        await h.IngestComputeFileAsync(Enumerable.Range(0, 5).Select(_ => new ComputeEvent(InvoicingHarness.Now, "cus_A", 1)));

        var check = Assert.Single(Assert.Single(await h.TakeThresholdChecksAsync()));
        Assert.Equal("sub_cus_A", check.Subscription);
        Assert.Equal(6, check.Events);
    }
}
