using System.Net;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Api;

public sealed class InvoiceTransitionTests(EmulatorFixture fixture)
{
    private readonly StripeClient client = fixture.Client;
    private readonly InvoiceService invoices = new(fixture.Client);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task FinalizeThenPay_Succeeds_Paid()
    {
        var invoice = await DraftWithAsync(2500);

        var open = await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        var paid = await invoices.PayAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal("open", open.Status);
        Assert.Matches("^[0-9A-Z]{8}-0001$", open.Number);
        Assert.Equal(2500, open.AmountDue);
        Assert.Equal(2500, open.AmountRemaining);
        Assert.NotNull(open.StatusTransitions.FinalizedAt);
        Assert.Equal("paid", paid.Status);
        Assert.Equal(2500, paid.AmountPaid);
        Assert.Equal(0, paid.AmountRemaining);
        Assert.Equal(1, paid.AttemptCount);
        Assert.NotNull(paid.StatusTransitions.PaidAt);
        Assert.Equal(open.Number, paid.Number);
    }

    [Fact]
    public async Task Finalize_SecondInvoiceOfCustomer_NextNumber()
    {
        var customer = await Customers.CreateAsync(client);
        var first = await Customers.DraftAsync(client, customer.Id);
        var second = await Customers.DraftAsync(client, customer.Id);

        var a = await invoices.FinalizeInvoiceAsync(first.Id, cancellationToken: ct);
        var b = await invoices.FinalizeInvoiceAsync(second.Id, cancellationToken: ct);

        Assert.Equal(a.Number[..9] + "0002", b.Number);
    }

    [Fact]
    public async Task Finalize_NoLines_PaidAtOnce()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);

        var finalized = await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal("paid", finalized.Status);
        Assert.Equal(0, finalized.AmountDue);
        Assert.Equal(0, finalized.AmountPaid);
        Assert.NotNull(finalized.StatusTransitions.PaidAt);
    }

    [Fact]
    public async Task Finalize_CreditInvoice_CreditIsAppliedToTheNextInvoice()
    {
        var customer = await Customers.CreateAsync(client);
        var credit = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, credit, -500, "Late usage correction");
        var next = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, next, 300);

        var creditFinal = await invoices.FinalizeInvoiceAsync(credit.Id, cancellationToken: ct);
        var nextFinal = await invoices.FinalizeInvoiceAsync(next.Id, cancellationToken: ct);
        var balance = (await new CustomerService(client).GetAsync(customer.Id, cancellationToken: ct)).Balance;

        Assert.Equal(("paid", -500L, 0L, -500L), (creditFinal.Status, creditFinal.Total, creditFinal.AmountDue, creditFinal.EndingBalance!.Value));
        Assert.Equal(("paid", 300L, -500L, 0L, -200L), (nextFinal.Status, nextFinal.Total, nextFinal.StartingBalance, nextFinal.AmountDue, nextFinal.EndingBalance!.Value));
        Assert.Equal(-200, balance);
    }

    [Fact]
    public async Task Finalize_Twice_ThrowsInvoiceNotEditable()
    {
        var invoice = await DraftWithAsync(100);
        await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.Equal("invoice_not_editable", error.StripeError.Code);
        Assert.Equal("This invoice is already finalized, you can't re-finalize a non-draft invoice.", error.StripeError.Message);
    }

    [Fact]
    public async Task Pay_Draft_ThrowsInvoiceNotEditable()
    {
        var invoice = await DraftWithAsync(100);

        var error = await Assert.ThrowsAsync<StripeException>(() => invoices.PayAsync(invoice.Id, cancellationToken: ct));

        Assert.Equal("invoice_not_editable", error.StripeError.Code);
        Assert.Equal("draft", (await invoices.GetAsync(invoice.Id, cancellationToken: ct)).Status);
    }

    [Fact]
    public async Task Pay_Paid_ThrowsAndChargesNothingMore()
    {
        var invoice = await DraftWithAsync(100);
        await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        await invoices.PayAsync(invoice.Id, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => invoices.PayAsync(invoice.Id, cancellationToken: ct));
        var read = await invoices.GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal("invoice_not_editable", error.StripeError.Code);
        Assert.Equal((100L, 1L), (read.AmountPaid, read.AttemptCount));
    }

    [Fact]
    public async Task Void_Open_VoidAndFinal()
    {
        var invoice = await DraftWithAsync(100);
        await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        var voided = await invoices.VoidInvoiceAsync(invoice.Id, cancellationToken: ct);
        var payError = await Assert.ThrowsAsync<StripeException>(() => invoices.PayAsync(invoice.Id, cancellationToken: ct));

        Assert.Equal("void", voided.Status);
        Assert.NotNull(voided.StatusTransitions.VoidedAt);
        Assert.Equal("invoice_not_editable", payError.StripeError.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Void_DraftOrPaid_ThrowsInvoiceNotEditable(bool paid)
    {
        var invoice = await DraftWithAsync(100);
        if (paid)
        {
            await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
            await invoices.PayAsync(invoice.Id, cancellationToken: ct);
        }

        var error = await Assert.ThrowsAsync<StripeException>(() => invoices.VoidInvoiceAsync(invoice.Id, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invoice_not_editable", error.StripeError.Code);
    }

    [Fact]
    public async Task MarkUncollectible_Open_UncollectibleAndStillPayable()
    {
        var invoice = await DraftWithAsync(700);
        await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        var uncollectible = await invoices.MarkUncollectibleAsync(invoice.Id, cancellationToken: ct);
        var paid = await invoices.PayAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal("uncollectible", uncollectible.Status);
        Assert.NotNull(uncollectible.StatusTransitions.MarkedUncollectibleAt);
        Assert.Equal("paid", paid.Status);
        Assert.Equal(700, paid.AmountPaid);
    }

    [Fact]
    public async Task MarkUncollectible_Draft_ThrowsInvoiceNotEditable()
    {
        var invoice = await DraftWithAsync(700);

        var error = await Assert.ThrowsAsync<StripeException>(() => invoices.MarkUncollectibleAsync(invoice.Id, cancellationToken: ct));

        Assert.Equal("invoice_not_editable", error.StripeError.Code);
    }

    [Fact]
    public async Task Void_AfterCreditWasApplied_GivesTheCreditBack()
    {
        var customer = await Customers.CreateAsync(client);
        var credit = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, credit, -500);
        await invoices.FinalizeInvoiceAsync(credit.Id, cancellationToken: ct);
        var next = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, next, 800);
        var open = await invoices.FinalizeInvoiceAsync(next.Id, cancellationToken: ct);

        await invoices.VoidInvoiceAsync(next.Id, cancellationToken: ct);
        var balance = (await new CustomerService(client).GetAsync(customer.Id, cancellationToken: ct)).Balance;

        Assert.Equal(300, open.AmountDue);
        Assert.Equal(-500, balance);
    }

    [Fact]
    public async Task Finalize_Draft_SetsHostedInvoiceUrlWhosePageShowsTheInvoice()
    {
        var draft = await DraftWithAsync(4321);
        using var http = new HttpClient();

        var draftPage = await http.GetAsync(new Uri(fixture.Server.BaseAddress, $"_emulator/hosted/{draft.Id}"), ct);
        var open = await invoices.FinalizeInvoiceAsync(draft.Id, cancellationToken: ct);
        var read = await invoices.GetAsync(draft.Id, cancellationToken: ct);
        var page = await http.GetAsync(open.HostedInvoiceUrl, ct);
        var html = await page.Content.ReadAsStringAsync(ct);

        Assert.Null(draft.HostedInvoiceUrl);
        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        Assert.Equal($"{fixture.Server.ApiBase}/_emulator/hosted/{draft.Id}", open.HostedInvoiceUrl);
        Assert.Equal(open.HostedInvoiceUrl, read.HostedInvoiceUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(open.Number, html, StringComparison.Ordinal);
        Assert.Contains(">open<", html, StringComparison.Ordinal);
        Assert.Contains("4321 usd", html, StringComparison.Ordinal);
    }

    private async Task<Invoice> DraftWithAsync(long amount)
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, invoice, amount);
        return invoice;
    }
}
