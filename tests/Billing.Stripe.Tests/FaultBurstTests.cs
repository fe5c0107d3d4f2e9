using Billing.Domain.Invoicing;
using Billing.StripeEmulator.Hosting;
using Stripe;

namespace Billing.Stripe.Tests;

/// <summary>
/// The gateway under bursts of injected 429s and 500s (which carry <c>Stripe-Should-Retry: true</c>):
/// Stripe.net retries each with the same idempotency key, up to <c>MaxNetworkRetries</c>, so the
/// calls succeed and nothing is created twice. Seeded, so the faults fall the same way every run.
/// </summary>
public sealed class FaultBurstTests
{
    private const string Customer = "cus_faults";
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workflow_HalfTheRequestsAnswered429Or500_OneInvoicePerKeyEveryLineOncePaid()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o =>
        {
            o.Customers.Add(new SeededCustomer { Id = Customer });
            o.RateLimitFraction = 0.25;
            o.ServerErrorFraction = 0.25;
            o.Seed = 4; // 3 × 429 and 6 × 500 over about twenty requests
        }, cancellationToken: ct);
        var client = Emulators.Client(server, maxNetworkRetries: 10);
        var gateway = Emulators.Gateway(client);
        var first = Drafts.Draft(Customer, [.. Enumerable.Range(1, 55).Select(i => (long)i)]); // two add_lines chunks
        var second = Drafts.Draft(Customer, 900, -150);

        var firstId = await RunAsync(gateway, first, "inv-1");
        var secondId = await RunAsync(gateway, second, "inv-2");
        var firstAgain = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(first, "inv-1"), IdempotencyKeys.For("inv-1", "invoice"), ct);
        var secondAgain = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(second, "inv-2"), IdempotencyKeys.For("inv-2", "invoice"), ct);
        var rateLimited = await Emulators.FaultsAsync(server, "429");
        var serverErrors = await Emulators.FaultsAsync(server, "500");
        server.Configure(s => s with { RateLimitFraction = 0, ServerErrorFraction = 0 });
        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);
        var firstRead = await gateway.GetInvoiceAsync(firstId, ct);
        var secondRead = await gateway.GetInvoiceAsync(secondId, ct);

        Assert.True(rateLimited > 0 && serverErrors > 0 && rateLimited + serverErrors >= 5, $"faults injected: {rateLimited} × 429, {serverErrors} × 500; the test proves little without a burst of both");
        Assert.Equal((firstId, secondId), (firstAgain, secondAgain));
        Assert.Equal([secondId, firstId], listed.Data.Select(i => i.Id));
        Assert.Equal(("paid", 55, first.TotalMinor, first.TotalMinor, 1L), (firstRead.Status, firstRead.LineCount, firstRead.Total, firstRead.AmountPaid, firstRead.AttemptCount));
        Assert.Equal(("paid", 2, 750L, 750L, 1L), (secondRead.Status, secondRead.LineCount, secondRead.Total, secondRead.AmountPaid, secondRead.AttemptCount));
    }

    private async Task<string> RunAsync(StripeGateway gateway, InvoiceDraft draft, string invoiceId)
    {
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, invoiceId), IdempotencyKeys.For(invoiceId, "invoice"), ct);
        await gateway.AddLinesAsync(id, Drafts.Lines(draft), invoiceId, c => IdempotencyKeys.For(invoiceId, $"lines-{c}"), ct);
        await gateway.FinalizeAsync(id, IdempotencyKeys.For(invoiceId, "finalize"), ct);
        Assert.Equal(new PaymentResult.Paid(draft.TotalMinor), await gateway.PayAsync(id, IdempotencyKeys.For(invoiceId, "pay"), ct));
        return id;
    }
}
