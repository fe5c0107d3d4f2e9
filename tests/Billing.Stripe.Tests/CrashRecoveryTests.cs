using Billing.Domain.Invoicing;
using Billing.StripeEmulator.Hosting;
using Billing.Testing;
using Stripe;

namespace Billing.Stripe.Tests;

/// <summary>
/// A process killed in the middle of a Stripe call (<see cref="CrashingStripeHandler"/>), then the
/// same calls made again with the same idempotency keys, as the next delivery of the run would.
/// Each case has its own emulator.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Customer = "cus_crash";
    private const string CreateRoute = "POST /v1/invoices";
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateDraft_CrashBeforeTheRequest_StripeNetNeitherRetriesNorWrapsAndNothingIsCreated()
    {
        await using var server = await Start();
        var crashing = CrashingStripeHandler.BeforeRequest(1);
        var gateway = Emulators.Gateway(crashing.CreateClient(Emulators.Options(server, maxNetworkRetries: 3)));

        var crash = await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            gateway.CreateDraftInvoiceAsync(StripeDraft.From(Drafts.Draft(Customer, 100), "inv-a"), IdempotencyKeys.For("inv-a", "invoice"), ct));

        Assert.Equal((1, CrashMoment.BeforeRequest, "POST /v1/invoices"), (crash.Request, crash.Moment, crash.Target));
        Assert.Equal(1, crashing.Requests); // a retry would have been request 2
        Assert.Equal(0, await Emulators.RequestsAsync(server, CreateRoute));
    }

    [Fact]
    public async Task CreateDraft_CrashAfterTheResponse_RepeatingWithTheKeyReturnsTheSameInvoice()
    {
        await using var server = await Start();
        var crashing = CrashingStripeHandler.AfterResponse(1);
        var crashed = Emulators.Gateway(crashing.CreateClient(Emulators.Options(server, maxNetworkRetries: 3)));
        var client = Emulators.Client(server);
        var draft = Drafts.Draft(Customer, 100);
        var key = IdempotencyKeys.For("inv-b", "invoice");

        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashed.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-b"), key, ct));
        var createdUnseen = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);
        var repeated = await Emulators.Gateway(client).CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-b"), key, ct);
        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);

        Assert.Equal(1, crashing.Requests); // Stripe.net did not retry the crash
        var invoice = Assert.Single(createdUnseen.Data);
        Assert.Equal(invoice.Id, repeated);
        Assert.Equal(invoice.Id, Assert.Single(listed.Data).Id);
        Assert.Equal(2, await Emulators.RequestsAsync(server, CreateRoute));
    }

    [Theory]
    [InlineData(CrashMoment.BeforeRequest)]
    [InlineData(CrashMoment.AfterResponse)]
    public async Task Workflow_CrashAtEachRequestThenRunAgain_OneInvoiceEveryLineOncePaidOnce(CrashMoment moment)
    {
        var draft = Drafts.Draft(Customer, [.. Enumerable.Range(1, 60).Select(i => (long)i)]); // two add_lines chunks
        var requests = await CountRequestsAsync(draft);
        Assert.True(requests >= 5, $"the workflow made only {requests} requests");

        for (var k = 1; k <= requests; k++)
        {
            await using var server = await Start();
            var crashing = CrashingStripeHandler.At(moment, k);
            await Assert.ThrowsAsync<SimulatedCrashException>(() => RunAsync(Emulators.Gateway(crashing.CreateClient(Emulators.Options(server))), draft));

            var client = Emulators.Client(server);
            var gateway = Emulators.Gateway(client);
            var result = await RunAsync(gateway, draft);
            var invoice = Assert.Single((await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct)).Data);
            var read = await gateway.GetInvoiceAsync(invoice.Id, ct);
            var paidEvents = (await gateway.ListEventsAsync(null, ct)).Count(e => e.Type == "invoice.paid");

            var context = $"crash {moment} request {k} of {requests}";
            Assert.True(new PaymentResult.Paid(draft.TotalMinor) == result, context);
            Assert.True((read.Status, read.LineCount, read.Total, read.AmountPaid, read.AttemptCount) == ("paid", 60, draft.TotalMinor, draft.TotalMinor, 1L), $"{context}: {read}");
            Assert.True(paidEvents == 1, $"{context}: {paidEvents} invoice.paid events");
        }
    }

    private async Task<int> CountRequestsAsync(InvoiceDraft draft)
    {
        await using var server = await Start();
        var counting = CrashingStripeHandler.Never();
        await RunAsync(Emulators.Gateway(counting.CreateClient(Emulators.Options(server))), draft);
        Assert.False(counting.Crashed);
        return counting.Requests;
    }

    /// <summary>The invoicing workflow's Stripe steps, each with its deterministic key.</summary>
    private async Task<PaymentResult> RunAsync(StripeGateway gateway, InvoiceDraft draft)
    {
        const string invoiceId = "sub_1.2026-05-01.cycle";
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, invoiceId), IdempotencyKeys.For(invoiceId, "invoice"), ct);
        await gateway.AddLinesAsync(id, Drafts.Lines(draft), invoiceId, c => IdempotencyKeys.For(invoiceId, $"lines-{c}"), ct);
        await gateway.FinalizeAsync(id, IdempotencyKeys.For(invoiceId, "finalize"), ct);
        return await gateway.PayAsync(id, IdempotencyKeys.For(invoiceId, "pay"), ct);
    }

    private Task<StripeEmulatorServer> Start() =>
        StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = Customer }), cancellationToken: ct);
}
