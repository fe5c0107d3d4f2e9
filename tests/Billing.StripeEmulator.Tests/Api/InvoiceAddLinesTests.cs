using System.Net;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Api;

/// <summary><c>POST /v1/invoices/{id}/add_lines</c> through Stripe.net's <c>InvoiceService.AddLinesAsync</c>.</summary>
public sealed class InvoiceAddLinesTests(EmulatorFixture fixture)
{
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime June = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly StripeClient client = fixture.Client;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddLines_AmountLinesWithCredit_InvoiceTotalsAndLinesFollow()
    {
        var invoice = await DraftAsync();

        var updated = await new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines =
            [
                AmountLine(1500, "compute", new Dictionary<string, string> { ["invoice_id"] = "sub_1.2026-05.cycle", ["line"] = "0" }),
                AmountLine(-300, "correction", new Dictionary<string, string> { ["line"] = "1" }),
            ],
        }, cancellationToken: ct);

        Assert.Equal(invoice.Id, updated.Id);
        Assert.Equal("draft", updated.Status);
        Assert.Equal((1200L, 1200L, 1200L), (updated.Subtotal, updated.Total, updated.AmountDue));
        Assert.Equal([1500L, -300L], updated.Lines.Data.Select(l => l.Amount));
        var first = updated.Lines.Data[0];
        Assert.Equal(("compute", "sub_1.2026-05.cycle", "0"), (first.Description, first.Metadata["invoice_id"], first.Metadata["line"]));
        Assert.Equal((May, June), (first.Period.Start, first.Period.End));
        Assert.Equal("usd", first.Currency);
        Assert.StartsWith("ii_", first.Parent.InvoiceItemDetails.InvoiceItem, StringComparison.Ordinal);
        Assert.Equal(1200, (await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).Total);
    }

    [Fact]
    public async Task AddLines_PriceDataTimesQuantity_RoundedOnceHalfAwayFromZero()
    {
        var invoice = await DraftAsync();

        var updated = await new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines =
            [
                new InvoiceLineOptions
                {
                    Quantity = 3,
                    PriceData = new InvoiceLinePriceDataOptions { Currency = "usd", Product = "prod_api", UnitAmountDecimal = 0.5m },
                },
                new InvoiceLineOptions
                {
                    QuantityDecimal = 2.5m,
                    PriceData = new InvoiceLinePriceDataOptions
                    {
                        Currency = "usd",
                        ProductData = new InvoiceLinePriceDataProductDataOptions { Name = "Seats" },
                        UnitAmount = 101,
                    },
                },
            ],
        }, cancellationToken: ct);

        Assert.Equal([2L, 253L], updated.Lines.Data.Select(l => l.Amount)); // 1.5 → 2, 252.5 → 253
        Assert.Equal(0.5m, updated.Lines.Data[0].Pricing.UnitAmountDecimal);
        Assert.Equal(255, updated.Total);
    }

    [Fact]
    public async Task AddLines_PriceDataInAnotherCurrency_RefusedAndNothingAdded()
    {
        var invoice = await DraftAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines =
            [
                AmountLine(100),
                new InvoiceLineOptions { PriceData = new InvoiceLinePriceDataOptions { Currency = "eur", Product = "prod_x", UnitAmount = 1 } },
            ],
        }, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("lines[1][price_data][currency]", error.StripeError.Param);
        Assert.Empty((await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).Lines.Data);
    }

    [Fact]
    public async Task AddLines_OneLineWithoutAPrice_RefusedNamingTheLineAndNothingAdded()
    {
        var invoice = await DraftAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [AmountLine(100), new InvoiceLineOptions { Description = "no price" }],
        }, cancellationToken: ct));

        Assert.Equal(("parameter_missing", "lines[1][amount]"), (error.StripeError.Code, error.StripeError.Param));
        Assert.Empty((await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).Lines.Data);
    }

    [Fact]
    public async Task AddLines_UnknownLineParameter_ParameterUnknownNamingTheLine()
    {
        var invoice = await DraftAsync();
        var options = new InvoiceAddLinesOptions { Lines = [AmountLine(100)] };
        options.AddExtraParam("lines[0][colour]", "blue");

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, options, cancellationToken: ct));

        Assert.Equal(("parameter_unknown", "lines[0][colour]"), (error.StripeError.Code, error.StripeError.Param));
    }

    [Fact]
    public async Task AddLines_UnknownPrice_ResourceMissing()
    {
        var invoice = await DraftAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [new InvoiceLineOptions { Pricing = new InvoiceLinePricingOptions { Price = "price_nowhere" }, Quantity = 2 }],
        }, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal(("resource_missing", "lines[0][pricing][price]"), (error.StripeError.Code, error.StripeError.Param));
    }

    [Fact]
    public async Task AddLines_MoreThanFiftyLines_RefusedAndNothingAdded()
    {
        var invoice = await DraftAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [.. Enumerable.Range(1, 51).Select(i => AmountLine(i))],
        }, cancellationToken: ct));
        var fifty = await new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [.. Enumerable.Range(1, 50).Select(i => AmountLine(i))],
        }, cancellationToken: ct);

        Assert.Equal((HttpStatusCode.BadRequest, "lines"), (error.HttpStatusCode, error.StripeError.Param));
        Assert.Equal((50, 1275L), (await LineCountAsync(invoice.Id), fifty.Total));
    }

    [Fact]
    public async Task AddLines_FinalizedInvoice_InvoiceNotEditable()
    {
        var invoice = await DraftAsync();
        await Customers.AddAmountAsync(client, invoice, 100);
        await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [AmountLine(100)],
        }, cancellationToken: ct));

        Assert.Equal((HttpStatusCode.BadRequest, "invoice_not_editable"), (error.HttpStatusCode, error.StripeError.Code));
        Assert.Equal(100, (await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).Total);
    }

    [Fact]
    public async Task AddLines_UnknownInvoice_ResourceMissing()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).AddLinesAsync("in_missing", new InvoiceAddLinesOptions
        {
            Lines = [AmountLine(100)],
        }, cancellationToken: ct));

        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (error.HttpStatusCode, error.StripeError.Code));
    }

    [Fact]
    public async Task AddLines_SameIdempotencyKeyTwice_LinesAddedOnceAndTheAnswerReplayed()
    {
        var invoice = await DraftAsync();
        var key = new RequestOptions { IdempotencyKey = $"lines-{Guid.NewGuid():N}" };
        var options = new InvoiceAddLinesOptions { Lines = [AmountLine(700), AmountLine(-200)] };
        var service = new InvoiceService(client);

        var first = await service.AddLinesAsync(invoice.Id, options, key, ct);
        var second = await service.AddLinesAsync(invoice.Id, options, key, ct);
        var read = await service.GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal(first.StripeResponse.Content, second.StripeResponse.Content);
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((2, 500L), (read.Lines.Data.Count, read.Total));
    }

    [Fact]
    public async Task AddLines_InvoiceMetadata_MergedIntoTheInvoicesMetadata()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id,
            Metadata = new Dictionary<string, string> { ["invoice_id"] = "inv-1", ["step"] = "drafted" },
        }, cancellationToken: ct);

        var updated = await new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [AmountLine(100)],
            InvoiceMetadata = new Dictionary<string, string> { ["step"] = "", ["lines"] = "1" },
        }, cancellationToken: ct);

        Assert.Equal(new Dictionary<string, string> { ["invoice_id"] = "inv-1", ["lines"] = "1" }, updated.Metadata);
    }

    [Fact]
    public async Task AddLines_Requests_CountedUnderTheirRoute()
    {
        var invoice = await DraftAsync();
        using var control = new ControlClient(fixture.Server);
        var before = await control.RequestsAsync("POST /v1/invoices/{id}/add_lines");

        await new InvoiceService(client).AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions { Lines = [AmountLine(100)] }, cancellationToken: ct);

        Assert.True(await control.RequestsAsync("POST /v1/invoices/{id}/add_lines") >= before + 1);
    }

    [Fact]
    public async Task Retrieve_AfterAddLinesFinalizeAndPay_CarriesWhatReconciliationReads()
    {
        var customer = await Customers.CreateAsync(client);
        var service = new InvoiceService(client);
        var invoice = await service.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id,
            Metadata = new Dictionary<string, string> { ["invoice_id"] = "inv-7" },
        }, cancellationToken: ct);
        await service.AddLinesAsync(invoice.Id, new InvoiceAddLinesOptions
        {
            Lines = [AmountLine(900, metadata: new Dictionary<string, string> { ["line"] = "0" }), AmountLine(-100, metadata: new Dictionary<string, string> { ["line"] = "1" })],
        }, cancellationToken: ct);
        await service.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        await service.PayAsync(invoice.Id, cancellationToken: ct);

        var read = await service.GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal(customer.Id, read.CustomerId);
        Assert.Equal(("paid", 1L, true), (read.Status, read.AttemptCount, read.Attempted));
        Assert.Equal((800L, 800L, 800L), (read.Total, read.AmountDue, read.AmountPaid));
        Assert.Equal("inv-7", read.Metadata["invoice_id"]);
        Assert.Equal([(900L, "0"), (-100L, "1")], read.Lines.Data.Select(l => (l.Amount, l.Metadata["line"])));
    }

    private async Task<int> LineCountAsync(string invoiceId)
    {
        var count = 0;
        await foreach (var _ in new InvoiceLineItemService(client).ListAutoPagingAsync(invoiceId, new InvoiceLineItemListOptions { Limit = 100 }, cancellationToken: ct))
        {
            count++;
        }

        return count;
    }

    private async Task<Invoice> DraftAsync() => await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);

    private static InvoiceLineOptions AmountLine(long amount, string? description = null, Dictionary<string, string>? metadata = null) => new()
    {
        Amount = amount,
        Description = description,
        Period = new InvoiceLinePeriodOptions { Start = May, End = June },
        Metadata = metadata,
    };
}
