using Billing.Domain.Invoicing;
using Billing.Invoicing;
using Billing.Storage;
using Billing.Storage.Invoices;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Runs serialized per subscription: a request that meets its subscription's run in flight waits on
/// the lock instead of going round the queue, and the run sends it on when it completes.
/// </summary>
public sealed class BusySubscriptionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_SubscriptionBusy_WaitsOnTheLock_AndIsIssuedOnceTheRunCompletes()
    {
        var gate = new GatedStripeHandler();
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => StripeClients.Through(
                sp.GetRequiredService<IOptions<StripeOptions>>().Value, gate)));
        await h.PostComputeAsync("cus_A", 1_200_000);
        var january = InvoicingHarness.January.Start.ToUnixTimeSeconds();
        var client = await h.DurableClientAsync();
        var handler = h.App.Get<InvoiceRunHandler>();

        // The threshold run starts and is held at its first Stripe request.
        var threshold = await handler.HandleAsync(new InvoiceRunRequest("sub_cus_A", january, "subscription_threshold"), client, Ct);
        Assert.NotNull(threshold);
        await gate.Reached.WaitAsync(Ct);

        // The create request meets it: it waits on the lock, and nothing is sent round the queue.
        var create = new InvoiceRunRequest("sub_cus_A", january, "subscription_create");
        Assert.Null(await handler.HandleAsync(create, client, Ct));
        var store = h.App.Get<InvoiceStore>();
        var busy = await store.ReadLockAsync("cus_A", "sub_cus_A", Ct);
        Assert.Equal(threshold, busy.ActiveInvoice);
        Assert.Equal([create], busy.Waiting);
        Assert.Empty(await h.PeekInvoiceRunsAsync());

        gate.Release();
        await InvoicingHarness.WaitForCompletionAsync(client, threshold);

        // The run sent the request on as it completed; it issues the create invoice.
        Assert.Equal([create], await h.PeekInvoiceRunsAsync());
        var issued = await h.DrainAsync();
        Assert.Equal(["sub_cus_A." + january + ".create"], issued);
        var invoices = await h.InvoicesAsync("cus_A");
        Assert.Equal(["subscription_create", "subscription_threshold"], invoices.Select(i => i.BillingReason).Order().ToArray());
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
        var free = await store.ReadLockAsync("cus_A", "sub_cus_A", Ct);
        Assert.Equal((null, 0), (free.ActiveInvoice, free.Waiting.Count));
    }

    [Fact]
    public async Task Request_AnotherRequestsRunHasNoOrchestrationYet_WaitsWithoutStartingIt()
    {
        // The threshold request's handler has taken the lock and not yet started its orchestration
        // (or died there): a create request must not start it, which would race that handler.
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 1_200_000);
        var threshold = await TakeLockWithoutStartingAsync(h, BillingReason.SubscriptionThreshold);
        var client = await h.DurableClientAsync();
        var create = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_create");

        Assert.Null(await h.App.Get<InvoiceRunHandler>().HandleAsync(create, client, Ct));

        Assert.Null(await client.GetInstanceAsync(threshold, Ct));
        var busy = await h.App.Get<InvoiceStore>().ReadLockAsync("cus_A", "sub_cus_A", Ct);
        Assert.Equal(threshold, busy.ActiveInvoice);
        Assert.Equal([create], busy.Waiting);
    }

    [Fact]
    public async Task Request_DeliveredAgainAfterItsStartWasInterrupted_StartsItsOwnRun()
    {
        var wall = new FakeTimeProvider();
        await using var h = await InvoicingHarness.CreateAsync(azurite, overrides: services => services.AddSingleton(new WallClock(wall)));
        await h.PostComputeAsync("cus_A", 1_200_000);
        var threshold = await TakeLockWithoutStartingAsync(h, BillingReason.SubscriptionThreshold);
        var client = await h.DurableClientAsync();
        var again = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold");
        // Delivered again once the queue's visibility timeout has passed: the run took the lock that long ago.
        wall.SetUtcNow((await h.App.Get<InvoiceStore>().GetAsync("cus_A", threshold, Ct))!.UpdatedAt + InvoiceRunHandler.StartGrace);

        await h.App.Get<InvoiceRunHandler>().HandleAsync(again, client, Ct);
        await InvoicingHarness.WaitForCompletionAsync(client, threshold);

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal((threshold, "paid"), (invoice.Id, invoice.Status));
    }

    [Fact]
    public async Task Request_CopyArrivesWhileItsOwnRunIsBeingStarted_WaitsWithoutStartingIt()
    {
        // Two copies of one request (the completing run sent its waiting requests again): the first
        // took the lock a moment ago and is starting the orchestration; the second must not start it too.
        var wall = new FakeTimeProvider();
        await using var h = await InvoicingHarness.CreateAsync(azurite, overrides: services => services.AddSingleton(new WallClock(wall)));
        await h.PostComputeAsync("cus_A", 1_200_000);
        var threshold = await TakeLockWithoutStartingAsync(h, BillingReason.SubscriptionThreshold);
        var client = await h.DurableClientAsync();
        var copy = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold");
        var store = h.App.Get<InvoiceStore>();
        wall.SetUtcNow((await store.GetAsync("cus_A", threshold, Ct))!.UpdatedAt + InvoiceRunHandler.StartGrace - TimeSpan.FromSeconds(1));

        Assert.Null(await h.App.Get<InvoiceRunHandler>().HandleAsync(copy, client, Ct));

        Assert.Null(await client.GetInstanceAsync(threshold, Ct));
        var busy = await store.ReadLockAsync("cus_A", "sub_cus_A", Ct);
        Assert.Equal(threshold, busy.ActiveInvoice);
        Assert.Equal([copy], busy.Waiting);
    }

    /// <summary>Builds the subscription's invoice for <paramref name="reason"/> and takes the lock with it, as a handler does before it starts the run.</summary>
    private static async Task<string> TakeLockWithoutStartingAsync(InvoicingHarness h, BillingReason reason)
    {
        var subscription = h.App.Get<Billing.Domain.Catalog.BillingCatalog>().FindSubscription("sub_cus_A")!;
        var index = subscription.Schedule.IndexOf(InvoicingHarness.January.Start);
        var store = h.App.Get<InvoiceStore>();
        var free = await store.ReadLockAsync("cus_A", "sub_cus_A", Ct);
        var build = await h.App.Get<InvoiceBuilder>().BuildAsync(subscription, reason, index, free, Ct);
        var started = await store.TryStartAsync(free, build.Invoice!, Ct);
        return started!.Id;
    }

    /// <summary>Holds the first Stripe API request until released; the rest pass straight through.</summary>
    private sealed class GatedStripeHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int requests;

        public Task Reached => reached.Task;

        public void Release() => released.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal) == true && Interlocked.Increment(ref requests) == 1)
            {
                reached.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
