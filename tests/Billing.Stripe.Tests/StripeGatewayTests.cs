using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.State;
using Stripe;

namespace Billing.Stripe.Tests;

/// <summary>The gateway against the emulator through the real Stripe.net client. Each test has its own emulator.</summary>
public sealed class StripeGatewayTests
{
    private const string Customer = "cus_gateway";
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DraftLinesFinalizePay_PositiveAndNegativeLines_PaidWithTotalTheSumOfTheLines()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var draft = Drafts.Draft(Customer, 1500, 250, -300);
        const string run = "run-1";

        var id = await gateway.CreateDraftInvoiceAsync(draft, run, IdempotencyKeys.For(run, "invoice"), ct);
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            await gateway.AddLineAsync(id, draft, draft.Lines[i], run, i, IdempotencyKeys.For(run, $"line-{i}"), ct);
        }

        var finalized = await gateway.FinalizeAsync(id, IdempotencyKeys.For(run, "finalize"), ct);
        var paid = await gateway.PayAsync(id, IdempotencyKeys.For(run, "pay"), ct);
        var read = await gateway.GetInvoiceAsync(id, ct);

        Assert.Equal("open", finalized.Status);
        Assert.Equal(new PaymentResult.Paid(1450), paid);
        Assert.Equal(("paid", 1450L, 1450L, 3), (read.Status, read.Total, read.AmountPaid, read.LineCount));
        Assert.Equal(draft.TotalMinor, read.LineAmounts.Sum());
        Assert.Equal([-300L, 250L, 1500L], read.LineAmounts.Order());
        Assert.Equal((run, "sub_1", "SubscriptionCycle"), (read.Metadata["run_id"], read.Metadata["subscription"], read.Metadata["billing_reason"]));
    }

    [Fact]
    public async Task CreateDraft_TwiceWithTheSameKey_OneInvoice()
    {
        await using var server = await Start();
        var client = Emulators.Client(server);
        var gateway = Emulators.Gateway(client);
        var draft = Drafts.Draft(Customer, 100);
        var key = IdempotencyKeys.For("run-2", "invoice");

        var first = await gateway.CreateDraftInvoiceAsync(draft, "run-2", key, ct);
        var second = await gateway.CreateDraftInvoiceAsync(draft, "run-2", key, ct);
        var line = IdempotencyKeys.For("run-2", "line-0");
        await gateway.AddLineAsync(first, draft, draft.Lines[0], "run-2", 0, line, ct);
        await gateway.AddLineAsync(first, draft, draft.Lines[0], "run-2", 0, line, ct);
        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);

        Assert.Equal(first, second);
        Assert.Equal(first, Assert.Single(listed.Data).Id);
        Assert.Equal(1, (await gateway.GetInvoiceAsync(first, ct)).LineCount);
    }

    [Fact]
    public async Task Pay_DeclinedCustomer_DeclinedOutcomeAndInvoiceStaysOpen()
    {
        await using var server = await Start(PaymentOutcome.Declines);
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var id = await FinalizedAsync(gateway, "run-3", 700);

        var result = await gateway.PayAsync(id, IdempotencyKeys.For("run-3", "pay"), ct);

        var declined = Assert.IsType<PaymentResult.Declined>(result);
        Assert.False(string.IsNullOrEmpty(declined.Reason));
        Assert.Equal(("open", 0L), ((await gateway.GetInvoiceAsync(id, ct)).Status, (await gateway.GetInvoiceAsync(id, ct)).AmountPaid));
    }

    [Fact]
    public async Task Pay_AuthenticationRequired_RequiresActionOutcome()
    {
        await using var server = await Start(PaymentOutcome.RequiresAction);
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var id = await FinalizedAsync(gateway, "run-4", 700);

        var result = await gateway.PayAsync(id, IdempotencyKeys.For("run-4", "pay"), ct);

        Assert.IsType<PaymentResult.RequiresAction>(result);
        Assert.Equal("open", (await gateway.GetInvoiceAsync(id, ct)).Status);
    }

    [Fact]
    public async Task RateLimitBursts_StripeNetRetriesWithTheKey_CompletesWithoutADuplicateInvoice()
    {
        await using var server = await StripeEmulatorServer.StartAsync(o =>
        {
            o.Customers.Add(new SeededCustomer { Id = Customer });
            o.RateLimitFraction = 0.4;
            o.Seed = 11;
        }, cancellationToken: ct);
        var client = Emulators.Client(server, maxNetworkRetries: 10);
        var gateway = Emulators.Gateway(client);

        var id = await FinalizedAsync(gateway, "run-5", 100, 200);
        var paid = await gateway.PayAsync(id, IdempotencyKeys.For("run-5", "pay"), ct);
        server.Configure(s => s with { RateLimitFraction = 0 });
        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);

        Assert.True(await Emulators.FaultsAsync(server, "429") > 0, "no 429 was injected: the test proves nothing");
        Assert.Equal(new PaymentResult.Paid(300), paid);
        Assert.Single(listed.Data);
        Assert.Equal(2, (await gateway.GetInvoiceAsync(id, ct)).LineCount);
    }

    [Fact]
    public async Task EnsureCustomer_SeededOrUnknown_FoundOrMissing()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));

        Assert.Equal(CustomerStatus.Found, await gateway.EnsureCustomerAsync(Customer, ct));
        Assert.Equal(CustomerStatus.Missing, await gateway.EnsureCustomerAsync("cus_nobody", ct));
    }

    private async Task<string> FinalizedAsync(StripeGateway gateway, string run, params long[] amounts)
    {
        var draft = Drafts.Draft(Customer, amounts);
        var id = await gateway.CreateDraftInvoiceAsync(draft, run, IdempotencyKeys.For(run, "invoice"), ct);
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            await gateway.AddLineAsync(id, draft, draft.Lines[i], run, i, IdempotencyKeys.For(run, $"line-{i}"), ct);
        }

        await gateway.FinalizeAsync(id, IdempotencyKeys.For(run, "finalize"), ct);
        return id;
    }

    private Task<StripeEmulatorServer> Start(PaymentOutcome outcome = PaymentOutcome.Succeeds) =>
        StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = Customer, PaymentOutcome = outcome }), cancellationToken: ct);
}
