using Billing.Domain.Invoicing;
using Billing.Invoicing;
using Billing.Invoicing.Runs;
using Billing.Storage.Invoices;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A kill at each step of a run on the durable engine: the process dies just before one of its
/// Stripe requests or just after Stripe answered it (Stripe did the work, the activity's result is
/// never reported), with the Durable Task sidecar over Azure Storage on Azurite; then a new
/// process (app instance, sidecar, worker) on the same task hub finishes the run. Exactly one
/// Stripe invoice, one charge, a ledger billed once, the lock released; and the finished run's
/// instance id started again does nothing.
/// </summary>
public sealed class DurableCrashRecoveryTests(AzuriteFixture azurite)
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
    public async Task Run_KilledAtAStepThenRestarted_OneInvoiceOneCharge(CrashMoment moment, int request)
    {
        var kill = new KillingStripeHandler(moment, request);
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => StripeClients.Through(
                sp.GetRequiredService<IOptions<StripeOptions>>().Value, kill)));
        await h.PostComputeAsync("cus_A", 1_200_000);
        var hub = "hub" + azurite.UniqueName("k")[..12];
        var runRequest = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold");

        string? invoiceId;
        await using (var first = await SidecarWorker.StartAsync(azurite, hub, h.App, Ct))
        {
            invoiceId = await h.App.Get<InvoiceRunHandler>().HandleAsync(runRequest, first.Client, Ct);
            Assert.NotNull(invoiceId);
            await kill.Reached.WaitAsync(Ct);
        }

        kill.Release(); // the dead process's call fails: nothing of it is reported

        var restarted = await h.StartInstanceAsync();
        await using var second = await SidecarWorker.StartAsync(azurite, hub, restarted, Ct);
        var done = await second.Client.WaitForInstanceCompletionAsync(invoiceId, getInputsAndOutputs: true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", invoice.Status);
        Assert.Equal(12_500, invoice.Total);
        var stripe = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal(invoice.StripeInvoiceId, stripe.Id);
        Assert.Equal(2, stripe.Lines.Data.Count);
        Assert.Equal(12_500, stripe.AmountPaid);
        Assert.Equal(1, stripe.AttemptCount);
        var store = restarted.Get<InvoiceStore>();
        Assert.Equal(RunStep.Completed, (await store.GetAsync("cus_A", invoice.Id, Ct))!.Step);
        Assert.Null((await store.ReadLockAsync("cus_A", "sub_cus_A", Ct)).ActiveInvoice);
        var usage = Assert.Single((await h.UsageAsync("cus_A")).Subscriptions);
        Assert.Equal(12_500, usage.Billed);
        Assert.Equal(0, usage.Threshold!.UnbilledEligible);

        // The finished run's instance id started again (a redelivered start) does nothing.
        var row = (await store.GetAsync("cus_A", invoice.Id, Ct))!;
        Assert.False(await restarted.Get<InvoiceRunScheduler>().StartRunAsync(second.Client, row, Ct));
        var after = await second.Client.GetInstanceAsync(invoiceId, Ct);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, done.CreatedAt), (after!.RuntimeStatus, after.CreatedAt));
        Assert.Single(await h.StripeInvoicesAsync("cus_A"));
    }
}
