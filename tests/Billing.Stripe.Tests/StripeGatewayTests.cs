using Billing.Domain.Invoicing;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.State;
using Microsoft.Extensions.Time.Testing;
using Stripe;
using Invoice = Stripe.Invoice;

namespace Billing.Stripe.Tests;

/// <summary>The gateway against the emulator through the real Stripe.net client. Each test has its own emulator.</summary>
public sealed class StripeGatewayTests
{
    private const string Customer = "cus_gateway";
    private const string AddLinesRoute = "POST /v1/invoices/{id}/add_lines";
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DraftLinesFinalizePay_PositiveAndNegativeLines_PaidWithTotalTheSumOfTheLines()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var draft = Drafts.Draft(Customer, 1500, 250, -300);
        const string invoiceId = "sub_1.2026-05-01.cycle";

        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, invoiceId), IdempotencyKeys.For(invoiceId, "invoice"), ct);
        var withLines = await gateway.AddLinesAsync(id, Drafts.Lines(draft), invoiceId, c => IdempotencyKeys.For(invoiceId, $"lines-{c}"), ct);
        var finalized = await gateway.FinalizeAsync(id, IdempotencyKeys.For(invoiceId, "finalize"), ct);
        var paid = await gateway.PayAsync(id, IdempotencyKeys.For(invoiceId, "pay"), ct);
        var read = await gateway.GetInvoiceAsync(id, ct);

        Assert.Equal(("draft", 1450L, 3), (withLines.Status, withLines.Total, withLines.LineCount));
        Assert.Equal("open", finalized.Status);
        Assert.Equal(new PaymentResult.Paid(1450), paid);
        Assert.Equal(("paid", 1450L, 1450L, 3), (read.Status, read.Total, read.AmountPaid, read.LineCount));
        Assert.Equal(draft.TotalMinor, read.LineAmounts.Sum());
        Assert.Equal([1500L, 250L, -300L], read.LineAmounts);
        Assert.Equal((invoiceId, "sub_1", "subscription_cycle"), (read.Metadata["invoice_id"], read.Metadata["subscription"], read.Metadata["billing_reason"]));
        Assert.Equal(Customer, read.Customer);
    }

    [Fact]
    public async Task AddLines_120Lines_ThreeRequestsOfAtMost50AndEveryLineWithItsMetadata()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var draft = Drafts.Draft(Customer, [.. Enumerable.Range(1, 120).Select(i => (long)i)]);
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-120"), IdempotencyKeys.For("inv-120", "invoice"), ct);

        var snapshot = await gateway.AddLinesAsync(id, Drafts.Lines(draft), "inv-120", c => IdempotencyKeys.For("inv-120", $"lines-{c}"), ct);

        Assert.Equal(3, await Emulators.RequestsAsync(server, AddLinesRoute));
        Assert.Equal((120, draft.TotalMinor), (snapshot.LineCount, snapshot.Total));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), snapshot.Lines.Select(l => l.Metadata["line"]));
        Assert.All(snapshot.Lines, l => Assert.Equal("inv-120", l.Metadata["invoice_id"]));
        Assert.Equal(("price_119", "api_calls", 120L), (snapshot.Lines[119].Metadata["price"], snapshot.Lines[119].Metadata["meter"], snapshot.Lines[119].Amount));
    }

    [Fact]
    public async Task AddLines_SeatLine_NoMeterInTheMetadata()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var draft = Drafts.Draft(Customer) with { Lines = [Drafts.Line("price_seats", 7500, meterId: null)] };
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-seats"), IdempotencyKeys.For("inv-seats", "invoice"), ct);

        var snapshot = await gateway.AddLinesAsync(id, Drafts.Lines(draft), "inv-seats", c => IdempotencyKeys.For("inv-seats", $"lines-{c}"), ct);

        var line = Assert.Single(snapshot.Lines);
        Assert.Equal(("price_seats", "0", 7500L), (line.Metadata["price"], line.Metadata["line"], line.Amount));
        Assert.False(line.Metadata.ContainsKey("meter"));
    }

    [Fact]
    public async Task CreateDraftAndAddLines_RepeatedWithTheSameKeys_OneInvoiceWithEachLineOnce()
    {
        await using var server = await Start();
        var client = Emulators.Client(server);
        var gateway = Emulators.Gateway(client);
        var draft = Drafts.Draft(Customer, [.. Enumerable.Range(1, 60).Select(i => (long)i)]);
        var key = IdempotencyKeys.For("inv-2", "invoice");

        var first = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-2"), key, ct);
        var second = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-2"), key, ct);
        await gateway.AddLinesAsync(first, Drafts.Lines(draft), "inv-2", c => IdempotencyKeys.For("inv-2", $"lines-{c}"), ct);
        var again = await gateway.AddLinesAsync(first, Drafts.Lines(draft), "inv-2", c => IdempotencyKeys.For("inv-2", $"lines-{c}"), ct);
        var listed = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Customer = Customer }, cancellationToken: ct);

        Assert.Equal(first, second);
        Assert.Equal(first, Assert.Single(listed.Data).Id);
        Assert.Equal((60, draft.TotalMinor), (again.LineCount, again.Total));
        Assert.Equal(60, (await gateway.GetInvoiceAsync(first, ct)).LineCount);
    }

    [Fact]
    public async Task AddLines_NoLinesOrOneKeyForTwoChunks_ThrowsBeforeSendingAnything()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var draft = Drafts.Draft(Customer, [.. Enumerable.Range(1, 51).Select(i => (long)i)]);
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, "inv-3"), IdempotencyKeys.For("inv-3", "invoice"), ct);

        await Assert.ThrowsAsync<ArgumentException>(() => gateway.AddLinesAsync(id, [], "inv-3", c => $"k{c}", ct));
        await Assert.ThrowsAsync<ArgumentException>(() => gateway.AddLinesAsync(id, Drafts.Lines(draft), "inv-3", _ => "same-key", ct));

        Assert.Equal(0, await Emulators.RequestsAsync(server, AddLinesRoute));
    }

    [Fact]
    public async Task Pay_DeclinedCustomer_DeclinedOutcomeAndInvoiceStaysOpenWithOneAttempt()
    {
        await using var server = await Start(PaymentOutcome.Declines);
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var id = await FinalizedAsync(gateway, "inv-4", 700, -200);

        var result = await gateway.PayAsync(id, IdempotencyKeys.For("inv-4", "pay"), ct);
        var read = await gateway.GetInvoiceAsync(id, ct);

        var declined = Assert.IsType<PaymentResult.Declined>(result);
        Assert.False(string.IsNullOrEmpty(declined.Reason));
        Assert.Equal(("open", 0L, 1L, 500L), (read.Status, read.AmountPaid, read.AttemptCount, read.AmountDue));
        Assert.Equal(Customer, read.Customer);
        Assert.Equal([("0", 700L), ("1", -200L)], read.Lines.Select(l => (l.Metadata["line"], l.Amount)));
    }

    [Fact]
    public async Task Pay_AuthenticationRequired_RequiresActionOutcome()
    {
        await using var server = await Start(PaymentOutcome.RequiresAction);
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var id = await FinalizedAsync(gateway, "inv-5", 700);

        var result = await gateway.PayAsync(id, IdempotencyKeys.For("inv-5", "pay"), ct);

        Assert.IsType<PaymentResult.RequiresAction>(result);
        Assert.Equal("open", (await gateway.GetInvoiceAsync(id, ct)).Status);
    }

    [Fact]
    public async Task EnsureCustomer_SeededOrUnknown_FoundOrMissing()
    {
        await using var server = await Start();
        var gateway = Emulators.Gateway(Emulators.Client(server));

        Assert.Equal(CustomerStatus.Found, await gateway.EnsureCustomerAsync(Customer, ct));
        Assert.Equal(CustomerStatus.Missing, await gateway.EnsureCustomerAsync("cus_nobody", ct));
    }

    [Fact]
    public async Task ListEvents_SinceAcrossSeveralPages_OldestFirstAndOnlyFromSince()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = Customer }), time, ct);
        var gateway = Emulators.Gateway(Emulators.Client(server));
        var before = await EmptyPaidInvoicesAsync(gateway, "early", 1);
        time.Advance(TimeSpan.FromMinutes(5));
        var since = time.GetUtcNow();
        var after = await EmptyPaidInvoicesAsync(gateway, "late", 35); // 105 events: two pages of 100

        var all = await gateway.ListEventsAsync(null, ct);
        var recent = await gateway.ListEventsAsync(since, ct);

        Assert.Equal(108, all.Count);
        Assert.Equal(105, recent.Count);
        Assert.Equal(after.SelectMany(id => new[] { ("invoice.created", id), ("invoice.finalized", id), ("invoice.paid", id) }), recent.Select(e => (e.Type, ((Invoice)e.Data.Object).Id)));
        Assert.Equal([.. before, .. after], all.Select(e => ((Invoice)e.Data.Object).Id).Distinct());
    }

    /// <summary>Drafts with no lines, finalized (so paid at once): created, finalized and paid events each.</summary>
    private async Task<List<string>> EmptyPaidInvoicesAsync(StripeGateway gateway, string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var invoiceId = $"{prefix}-{i}";
            var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(Drafts.Draft(Customer), invoiceId), IdempotencyKeys.For(invoiceId, "invoice"), ct);
            await gateway.FinalizeAsync(id, IdempotencyKeys.For(invoiceId, "finalize"), ct);
            ids.Add(id);
        }

        return ids;
    }

    private async Task<string> FinalizedAsync(StripeGateway gateway, string invoiceId, params long[] amounts)
    {
        var draft = Drafts.Draft(Customer, amounts);
        var id = await gateway.CreateDraftInvoiceAsync(StripeDraft.From(draft, invoiceId), IdempotencyKeys.For(invoiceId, "invoice"), ct);
        await gateway.AddLinesAsync(id, Drafts.Lines(draft), invoiceId, c => IdempotencyKeys.For(invoiceId, $"lines-{c}"), ct);
        await gateway.FinalizeAsync(id, IdempotencyKeys.For(invoiceId, "finalize"), ct);
        return id;
    }

    private Task<StripeEmulatorServer> Start(PaymentOutcome outcome = PaymentOutcome.Succeeds) =>
        StripeEmulatorServer.StartAsync(o => o.Customers.Add(new SeededCustomer { Id = Customer, PaymentOutcome = outcome }), cancellationToken: ct);
}
