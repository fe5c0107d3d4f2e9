using Billing.Domain.Invoicing;
using Billing.Domain.Reconciliation;
using Billing.Invoicing;
using Billing.Storage.Invoices;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A run whose Stripe invoice vanishes (the emulator restarted empty: every call about it answers
/// 404 <c>No such invoice</c>) never stalls its subscription: it is superseded once by a fresh Stripe
/// invoice, and when that vanishes too the run ends visibly (void, an incident, the lock released)
/// and the subscription's next run is issued.
/// </summary>
public sealed class VanishedStripeInvoiceTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_StripeInvoiceVanishesAfterFinalize_SupersededOncePaidAndBilledOnce()
    {
        InvoicingHarness h = null!;
        var vanishing = new VanishingStripeHandler(1, () => RestartEmulatorEmptyAsync(h));
        await using var harness = h = await InvoicingHarness.CreateAsync(azurite, overrides: services => UseHandler(services, vanishing));
        await h.PostComputeAsync("cus_A", 1_200_000);

        await h.DrainAsync();

        Assert.Equal(1, vanishing.Vanished);
        var invoice = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", invoice.Status);
        var stripe = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal(invoice.StripeInvoiceId, stripe.Id);
        Assert.Equal((12_500L, 2), (stripe.AmountPaid, stripe.Lines.Data.Count));
        var row = (await h.App.Get<InvoiceStore>().GetAsync("cus_A", invoice.Id, Ct))!;
        Assert.Equal(2, row.StripeGeneration);
        Assert.NotNull(row.SupersededStripeInvoiceId);
        Assert.NotEqual(row.StripeInvoiceId, row.SupersededStripeInvoiceId);
        Assert.Null((await h.App.Get<InvoiceStore>().ReadLockAsync("cus_A", "sub_cus_A", Ct)).ActiveInvoice);
        var usage = Assert.Single((await h.UsageAsync("cus_A")).Subscriptions);
        Assert.Equal((12_500L, 0L), (usage.Billed, usage.Threshold!.UnbilledEligible));
        Assert.Empty((await h.App.Get<ReconciliationHandler>().HandleAsync(Ct)).Incidents);
    }

    [Fact]
    public async Task Run_StripeInvoiceVanishesTwice_EndsVoidWithAnIncidentAndTheNextRunIsIssued()
    {
        InvoicingHarness h = null!;
        var vanishing = new VanishingStripeHandler(2, () => RestartEmulatorEmptyAsync(h));
        await using var harness = h = await InvoicingHarness.CreateAsync(azurite, overrides: services => UseHandler(services, vanishing));
        await h.PostComputeAsync("cus_A", 1_200_000);

        var first = Assert.Single(await h.DrainAsync());

        var ended = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal((first, "void"), (ended.Id, ended.Status));
        var incident = Assert.Single((await h.App.Get<ReconciliationHandler>().HandleAsync(Ct)).Incidents);
        Assert.Equal((first, IncidentReasons.StripeObjectMissing), (incident.Invoice, incident.Reason));
        Assert.Contains("is gone (missing)", incident.Message, StringComparison.Ordinal);
        Assert.Null((await h.App.Get<InvoiceStore>().ReadLockAsync("cus_A", "sub_cus_A", Ct)).ActiveInvoice);

        // The subscription goes on: its next threshold run is issued and paid.
        h.Clock.Advance(InvoicingOptions.DefaultMinThresholdInterval);
        await h.PostComputeAsync("cus_A", 1_200_000);
        var next = Assert.Single(await h.DrainAsync());
        Assert.NotEqual(first, next);
        var issued = Assert.Single(await h.InvoicesAsync("cus_A"), i => i.Id == next);
        Assert.Equal("paid", issued.Status);
        Assert.Equal(issued.StripeInvoiceId, Assert.Single(await h.StripeInvoicesAsync("cus_A")).Id);
    }

    private static void UseHandler(IServiceCollection services, DelegatingHandler handler) =>
        services.AddSingleton<IStripeClient>(sp => StripeClients.Through(sp.GetRequiredService<IOptions<StripeOptions>>().Value, handler));

    /// <summary>What a restart of <c>./run.sh</c> did to the emulator: everything forgotten, the configured customers seeded again.</summary>
    private static async Task RestartEmulatorEmptyAsync(InvoicingHarness h)
    {
        using var http = new HttpClient { BaseAddress = h.Emulator.BaseAddress };
        (await http.PostAsync("_emulator/reset", content: null, Ct)).EnsureSuccessStatusCode();
        foreach (var customer in new[] { "cus_A", "cus_B", "cus_C" })
        {
            h.Emulator.SeedCustomer(customer);
        }
    }
}
