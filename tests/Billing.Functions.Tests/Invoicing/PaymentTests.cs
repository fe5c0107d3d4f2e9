extern alias emulator;
using Billing.Invoicing;
using Billing.Invoicing.Workflows;
using Billing.Testing;
using emulator::Billing.StripeEmulator.State;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>Collection: a declined payment is recorded and retried; Stripe's 429 and 500 bursts never duplicate an invoice.</summary>
public sealed class PaymentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payment_DeclinedThenSucceeds_OpenWithFailureThenPaid()
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Declines);
        await h.PostComputeAsync("cus_A", 1_500_000);
        await h.DrainAsync();

        var declined = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("open", declined.Status);
        Assert.Equal(1, declined.Payment.Attempts);
        Assert.StartsWith("declined", declined.Payment.LastError, StringComparison.Ordinal);
        Assert.Equal("open", Assert.Single(await h.StripeInvoicesAsync("cus_A")).Status);
        // Issued is issued: the usage counts as billed even before it is paid.
        Assert.Equal(0, Assert.Single((await h.UsageAsync("cus_A")).Subscriptions).Threshold!.UnbilledEligible);

        // Too early for the retry: nothing happens.
        var early = await h.ReconcileAsync();
        Assert.Equal(0, early.PaymentsRetried);

        h.Emulator.SetPaymentOutcome("cus_A", PaymentOutcome.Succeeds);
        h.Clock.Advance(InvoicingOptions.DefaultPaymentRetryInterval);
        var retry = await h.ReconcileAsync();
        Assert.Equal(1, retry.PaymentsRetried);

        var paid = Assert.Single(await h.InvoicesAsync("cus_A"));
        Assert.Equal("paid", paid.Status);
        Assert.Equal(2, paid.Payment.Attempts);
        Assert.Null(paid.Payment.LastError);
        var stripe = Assert.Single(await h.StripeInvoicesAsync("cus_A"));
        Assert.Equal("paid", stripe.Status);
        Assert.Equal(paid.Total, stripe.AmountPaid);
    }

    [Theory]
    [InlineData(0.3, 0.0)]
    [InlineData(0.0, 0.3)]
    [InlineData(0.25, 0.25)]
    public async Task Run_BurstsOf429And500_CompletesWithoutADuplicateInvoice(double rateLimited, double serverErrors)
    {
        await using var h = await InvoicingHarness.CreateAsync(azurite);
        await h.ClosePeriodsAtAsync(InvoicingHarness.Now);
        await h.PostComputeAsync("cus_C", 2_000_000);
        h.Emulator.Configure(s => s with { RateLimitFraction = rateLimited, ServerErrorFraction = serverErrors });

        // Stripe.net retries each call (same idempotency key); when a burst outlasts its retries the
        // run fails, and the queue delivers the request again: the next delivery resumes the run.
        var failedDeliveries = 0;
        for (var done = false; !done && failedDeliveries < 20;)
        {
            try
            {
                await h.DrainAsync();
                done = true;
            }
            catch (global::Stripe.StripeException)
            {
                // The delivery failed; its message would become visible again. Any request for the
                // subscription resumes its run in flight, so a repeat of the threshold request stands in for it.
                failedDeliveries++;
                await h.App.Get<Billing.Storage.Queues.WorkQueues>().EnqueueInvoiceRunAsync(
                    new("sub_cus_C", InvoicingHarness.January.Start.ToUnixTimeSeconds(), "subscription_threshold"), Ct);
            }
        }

        h.Emulator.Configure(s => s with { RateLimitFraction = 0, ServerErrorFraction = 0 });
        var invoices = await h.InvoicesAsync("cus_C");
        Assert.Equal(["subscription_create", "subscription_threshold"], invoices.Select(i => i.BillingReason).ToArray());
        Assert.All(invoices, i => Assert.Equal("paid", i.Status));
        var stripe = await h.StripeInvoicesAsync("cus_C");
        Assert.Equal(invoices.Count, stripe.Count);
        Assert.Equal(invoices.Select(i => i.Total).Order(), stripe.Select(i => i.AmountPaid).Order());
    }
}
