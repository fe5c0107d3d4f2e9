extern alias emulator;
using System.Net;
using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Invoicing;
using Billing.Invoicing.Workflows;
using Billing.Storage.Invoices;
using Billing.Stripe;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;
using emulator::Billing.StripeEmulator.State;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Stripe's <c>hosted_invoice_url</c> end to end, on Azurite and the Stripe emulator through
/// Stripe.net: the run records it when it finalizes, <c>GET /api/invoices</c> shows it (null on a
/// draft), the emulator serves the page it names, the dashboard links it, and reconciliation
/// learns it for an invoice whose row has none.
/// </summary>
public sealed class HostedInvoiceLinkTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssuedInvoice_GetInvoices_HasTheHostedUrlWhosePageAnswersAndTheDashboardLinksIt()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();
        var client = h.StartWebClient();

        var item = Assert.Single(JsonDocument.Parse(await client.GetStringAsync("/api/invoices?customer=cus_A", Ct)).RootElement.EnumerateArray());
        var stripeId = item.GetProperty("stripe_invoice_id").GetString()!;
        var hosted = item.GetProperty("hosted_invoice_url").GetString()!;
        var stripe = await new InvoiceService(h.Stripe).GetAsync(stripeId, cancellationToken: Ct);
        using var emulatorPage = await new HttpClient().GetAsync(hosted, Ct);
        var dashboard = await client.GetStringAsync("/api/dashboard/customers/cus_A", Ct);

        Assert.Equal("paid", item.GetProperty("status").GetString());
        Assert.Equal($"{h.Emulator.ApiBase}/_emulator/hosted/{stripeId}", hosted);
        Assert.Equal(stripe.HostedInvoiceUrl, hosted);
        Assert.Equal(HttpStatusCode.OK, emulatorPage.StatusCode);
        Assert.Contains(stripe.Number, await emulatorPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{hosted}\" target=\"_blank\" rel=\"noopener noreferrer\">View invoice {stripeId}</a>", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StoppedBeforeFinalize_DraftHasNoHostedUrlUntilFinalized()
    {
        // The run's Stripe requests: create, add_lines, finalize, pay; hold the third.
        var hold = new KillingStripeHandler(CrashMoment.BeforeRequest, 3);
        await using var h = await InvoicingHarness.CreateAsync(
            azurite,
            overrides: services => services.AddSingleton<IStripeClient>(sp => StripeClients.Through(
                sp.GetRequiredService<IOptions<StripeOptions>>().Value, hold)));
        await h.PostComputeAsync("cus_A", 1_200_000);
        var durable = await h.DurableClientAsync();
        var runRequest = new InvoiceRunRequest("sub_cus_A", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold");
        var id = await h.App.Get<InvoiceRunHandler>().HandleAsync(runRequest, durable, Ct);
        Assert.NotNull(id);
        await hold.Reached.WaitAsync(Ct);

        var draft = Assert.Single(await h.InvoicesAsync("cus_A"));
        var client = h.StartWebClient();
        var item = Assert.Single(JsonDocument.Parse(await client.GetStringAsync("/api/invoices?customer=cus_A", Ct)).RootElement.EnumerateArray());
        var dashboard = await client.GetStringAsync("/api/dashboard/customers/cus_A", Ct);
        hold.Release(); // the held finalize fails; the run's retry finalizes
        await InvoicingHarness.WaitForCompletionAsync(durable, id);
        var issued = Assert.Single(await h.InvoicesAsync("cus_A"));

        Assert.Equal(("draft", null), (draft.Status, draft.HostedInvoiceUrl));
        Assert.NotNull(draft.StripeInvoiceId);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("hosted_invoice_url").ValueKind);
        Assert.Contains($"<td data-label=\"Stripe\"><span>{draft.StripeInvoiceId}</span></td>", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("View invoice", dashboard, StringComparison.Ordinal);
        Assert.Equal($"{h.Emulator.ApiBase}/_emulator/hosted/{draft.StripeInvoiceId}", issued.HostedInvoiceUrl);
    }

    [Fact]
    public async Task Reconcile_OpenInvoiceWhoseRowHasNoHostedUrl_LearnsItFromStripe()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();
        var open = Assert.Single(await h.InvoicesAsync("cus_A"));
        // As a row written before the link was recorded.
        var store = h.App.Get<InvoiceStore>();
        var row = (await store.GetAsync("cus_A", open.Id, Ct))!;
        await store.UpdateAsync(row, r => r with { HostedInvoiceUrl = null }, Ct);
        var cleared = Assert.Single(await h.InvoicesAsync("cus_A"));

        var report = await h.ReconcileAsync();

        var learned = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("open", open.Status);
        Assert.NotNull(open.HostedInvoiceUrl);
        Assert.Null(cleared.HostedInvoiceUrl);
        Assert.Equal(1, report.Checked);
        Assert.Equal(open.HostedInvoiceUrl, learned.HostedInvoiceUrl);
    }
}
