using System.Net;
using System.Text.Json;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Hosting;

/// <summary>
/// <c>DELETE /_emulator/invoices/{id}</c> and <c>POST /_emulator/invoices/{id}/void</c>: a run's Stripe
/// invoice vanishes, and every call the gateway makes about it is answered as Stripe answers it.
/// </summary>
public sealed class VanishedInvoiceTests(EmulatorFixture fixture)
{
    private readonly StripeClient client = fixture.Client;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteInvoice_ThenEveryGatewayCall_404ResourceMissingAsStripe()
    {
        var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        await Customers.AddAmountAsync(client, invoice, 10);
        using var control = new ControlClient(fixture.Server);
        var invoices = new InvoiceService(client);

        using var deleted = await control.DeleteAsync($"/_emulator/invoices/{invoice.Id}");
        List<StripeException> errors =
        [
            await Assert.ThrowsAsync<StripeException>(() => invoices.GetAsync(invoice.Id, cancellationToken: ct)),
            await Assert.ThrowsAsync<StripeException>(() => new InvoiceLineItemService(client).ListAsync(invoice.Id, cancellationToken: ct)),
            await Assert.ThrowsAsync<StripeException>(() => invoices.AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions { Lines = [new InvoiceLineOptions { Amount = 5 }] }, cancellationToken: ct)),
            await Assert.ThrowsAsync<StripeException>(() => invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct)),
            await Assert.ThrowsAsync<StripeException>(() => invoices.PayAsync(invoice.Id, cancellationToken: ct)),
            await Assert.ThrowsAsync<StripeException>(() => invoices.VoidInvoiceAsync(invoice.Id, cancellationToken: ct)),
        ];
        var listed = await invoices.ListAsync(new InvoiceListOptions { Customer = invoice.CustomerId }, cancellationToken: ct);
        using var again = await control.DeleteAsync($"/_emulator/invoices/{invoice.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.All(errors, error =>
        {
            Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
            Assert.Equal("invalid_request_error", error.StripeError.Type);
            Assert.Equal("resource_missing", error.StripeError.Code);
            Assert.Equal($"No such invoice: '{invoice.Id}'", error.StripeError.Message);
            Assert.Equal("id", error.StripeError.Param);
            Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", error.StripeError.DocUrl);
        });
        Assert.Empty(listed.Data);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Retrieve_UnknownIds_AnswerLikeStripe()
    {
        var invoiceError = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).GetAsync("in_unknown", cancellationToken: ct));
        var customerError = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(client).GetAsync("cus_unknown", cancellationToken: ct));
        var createError = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = "cus_unknown" }, cancellationToken: ct));
        var eventError = await Assert.ThrowsAsync<StripeException>(() => new EventService(client).GetAsync("evt_unknown", cancellationToken: ct));

        Assert.Equal(
            [
                (HttpStatusCode.NotFound, "resource_missing", "No such invoice: 'in_unknown'", "id"),
                (HttpStatusCode.NotFound, "resource_missing", "No such customer: 'cus_unknown'", "id"),
                (HttpStatusCode.NotFound, "resource_missing", "No such customer: 'cus_unknown'", "customer"),
                (HttpStatusCode.NotFound, "resource_missing", "No such event: 'evt_unknown'", "id"),
            ],
            new[] { invoiceError, customerError, createError, eventError }.Select(e => (e.HttpStatusCode, e.StripeError.Code, e.StripeError.Message, e.StripeError.Param)));
    }

    [Fact]
    public async Task VoidInvoice_Open_VoidWithEventAndPayFinalizeRefusedLikeStripe()
    {
        var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        await Customers.AddAmountAsync(client, invoice, 250);
        var invoices = new InvoiceService(client);
        await invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        using var control = new ControlClient(fixture.Server);

        using var voided = await control.PostAsync($"/_emulator/invoices/{invoice.Id}/void");
        var read = await invoices.GetAsync(invoice.Id, cancellationToken: ct);
        var payError = await Assert.ThrowsAsync<StripeException>(() => invoices.PayAsync(invoice.Id, cancellationToken: ct));
        var finalizeError = await Assert.ThrowsAsync<StripeException>(() => invoices.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct));
        var events = await control.GetAsync($"/_emulator/events?invoice={invoice.Id}&type=invoice.voided");

        Assert.Equal(HttpStatusCode.NoContent, voided.StatusCode);
        Assert.Equal(("void", 250L), (read.Status, read.AmountDue));
        Assert.NotNull(read.StatusTransitions.VoidedAt);
        Assert.Equal(
            (HttpStatusCode.BadRequest, "invalid_request_error", "invoice_not_editable", "Voided invoices cannot be paid."),
            (payError.HttpStatusCode, payError.StripeError.Type, payError.StripeError.Code, payError.StripeError.Message));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "invoice_not_editable", "This invoice is already finalized, you can't re-finalize a non-draft invoice."),
            (finalizeError.HttpStatusCode, finalizeError.StripeError.Code, finalizeError.StripeError.Message));
        var voidedEvent = Assert.Single(events.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, voidedEvent.GetProperty("event").GetProperty("request").GetProperty("id").ValueKind);
        Assert.Equal("open", voidedEvent.GetProperty("event").GetProperty("data").GetProperty("previous_attributes").GetProperty("status").GetString());
    }

    [Fact]
    public async Task VoidInvoice_DraftOrUnknown_RefusedAndLeftAlone()
    {
        var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
        using var control = new ControlClient(fixture.Server);

        using var draft = await control.PostAsync($"/_emulator/invoices/{invoice.Id}/void");
        using var unknown = await control.PostAsync("/_emulator/invoices/in_unknown/void");
        var read = await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.Contains("a draft can be deleted instead", await draft.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("draft", read.Status);
    }
}
