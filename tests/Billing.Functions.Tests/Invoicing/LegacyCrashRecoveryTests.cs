using Billing.Domain.Invoicing;
using Billing.Storage.Invoices;
using Billing.Storage.Queues;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A kill at each step of a run: the instance dies just before one of its Stripe requests or just
/// after Stripe answered it (Stripe did the work, the run never learned it), then a new instance
/// receives the request again. Exactly one Stripe invoice, one charge, and a ledger that agrees.
/// The non-durable path (runs driven inside the queue handler), which the app keeps until its
/// functions start orchestrations; <see cref="DurableCrashRecoveryTests"/> are the same kills on the
/// durable engine. Retire these with that path and Invoicing:TakeOverAfter.
/// </summary>
public sealed class LegacyCrashRecoveryTests(AzuriteFixture azurite)
{
    /// <summary>A threshold run's requests: create, add_lines, finalize, pay.</summary>
    private const int RunRequests = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<CrashMoment, int> Kills()
    {
        var data = new TheoryData<CrashMoment, int>();
        for (var request = 1; request <= RunRequests; request++)
        {
            data.Add(CrashMoment.BeforeRequest, request);
            data.Add(CrashMoment.AfterResponse, request);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kills))]
    public async Task Run_KilledAtAStepThenDeliveredAgain_OneInvoiceOneCharge(CrashMoment moment, int request)
    {
        var crash = CrashingStripeHandler.At(moment, request);
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => crash.CreateClient(sp.GetRequiredService<IOptions<StripeOptions>>().Value)));
        await h.PostComputeAsync("cus_A", 1_200_000);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.DrainLegacyAsync());
        Assert.True(crash.Crashed);

        // The message comes back after its visibility timeout, to another instance.
        var restarted = await h.StartInstanceAsync();
        await restarted.Get<WorkQueues>().EnqueueInvoiceRunAsync(
            new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold"), Ct);
        await h.DrainLegacyAsync(restarted);

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", invoice.Status);
        Assert.Equal(12_500, invoice.Total);
        var stripe = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal(invoice.StripeInvoiceId, stripe.Id);
        Assert.Equal(2, stripe.Lines.Data.Count);
        Assert.Equal(12_500, stripe.AmountPaid);
        Assert.Equal(1, stripe.AttemptCount);
        var row = await restarted.Get<InvoiceStore>().GetAsync("cus_A", invoice.Id, Ct);
        Assert.Equal(RunStep.Completed, row!.Step);
        Assert.Null((await restarted.Get<InvoiceStore>().ReadLockAsync("cus_A", "sub_cus_A", Ct)).ActiveInvoice);
        var usage = Assert.Single((await h.UsageAsync("cus_A")).Subscriptions);
        Assert.Equal(12_500, usage.Billed);
        Assert.Equal(0, usage.Threshold.UnbilledEligible);
    }

    [Fact]
    public async Task Request_WhileAnotherRunIsLive_WaitsInTheQueue_ThenAbandonedRunIsTakenOver()
    {
        var crash = CrashingStripeHandler.AfterResponse(2); // the lines are on Stripe's invoice; the run never learned it
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => crash.CreateClient(sp.GetRequiredService<IOptions<StripeOptions>>().Value)),
            appSettings: new Dictionary<string, string?> { ["Invoicing:TakeOverAfter"] = "00:00:30", ["Invoicing:BusyRetryDelay"] = "00:00:05" });
        await h.PostComputeAsync("cus_A", 1_200_000);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => h.DrainLegacyAsync());
        var request = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold");

        // The run's age is judged on the wall clock from when its row last changed (storage's
        // timestamp): instances on a fake wall clock set from that time make "alive" and
        // "abandoned" exact, whatever time the test took to get here.
        var store = h.App.Get<InvoiceStore>();
        var active = (await store.ReadLockAsync("cus_A", "sub_cus_A", Ct)).ActiveInvoice;
        var changed = (await store.GetAsync("cus_A", active!, Ct))!.UpdatedAt;
        var takeOverAfter = TimeSpan.FromSeconds(30);

        // A second before Invoicing:TakeOverAfter the run still looks alive: the request goes back
        // to the queue, invisible for a while, and nothing fails.
        var soon = await h.StartInstanceAsync(services => services.AddSingleton(WallClockAt(changed + takeOverAfter - TimeSpan.FromSeconds(1))));
        Assert.Null(await soon.Get<Billing.Invoicing.InvoiceRunHandler>().HandleAsync(request, Ct));
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, h.Names.InvoiceRunsQueue);
        Assert.Equal(1, (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync(cancellationToken: Ct)).Value);

        // From Invoicing:TakeOverAfter on, the run is presumed abandoned: the next delivery drives it to the end.
        var later = await h.StartInstanceAsync(services => services.AddSingleton(WallClockAt(changed + takeOverAfter)));
        // The resumed run was the work: it billed everything, so the request itself issues nothing new.
        Assert.Null(await later.Get<Billing.Invoicing.InvoiceRunHandler>().HandleAsync(request, Ct));
        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", invoice.Status);
        var stripe = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal(12_500, stripe.AmountPaid);
        Assert.Equal(2, stripe.Lines.Data.Count);
    }

    private static Billing.Invoicing.WallClock WallClockAt(DateTimeOffset now) =>
        new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
}
