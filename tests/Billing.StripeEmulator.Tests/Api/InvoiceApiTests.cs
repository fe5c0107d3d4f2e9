using System.Net;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Api;

public sealed class InvoiceApiTests(EmulatorFixture fixture)
{
    private readonly StripeClient client = fixture.Client;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_GatewayParameters_DraftInvoice()
    {
        var customer = await Customers.CreateAsync(client, "Grace");

        var invoice = await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id,
            Currency = "USD",
            AutoAdvance = false,
            CollectionMethod = "charge_automatically",
            PendingInvoiceItemsBehavior = "exclude",
            Description = "Threshold invoice",
            Subscription = "sub_123",
            Metadata = new Dictionary<string, string> { ["run_id"] = "run-1" },
        }, cancellationToken: ct);

        Assert.StartsWith("in_", invoice.Id, StringComparison.Ordinal);
        Assert.Equal("invoice", invoice.Object);
        Assert.Equal("draft", invoice.Status);
        Assert.Equal(customer.Id, invoice.CustomerId);
        Assert.Equal("usd", invoice.Currency);
        Assert.False(invoice.AutoAdvance);
        Assert.Equal("charge_automatically", invoice.CollectionMethod);
        Assert.Equal("Threshold invoice", invoice.Description);
        Assert.Equal("sub_123", invoice.Parent.SubscriptionDetails.SubscriptionId);
        Assert.Equal("run-1", invoice.Metadata["run_id"]);
        Assert.Equal("Grace", invoice.CustomerName);
        Assert.Null(invoice.Number);
        Assert.Equal(0, invoice.Total);
        Assert.Empty(invoice.Lines.Data);
    }

    [Fact]
    public async Task Create_UnknownCustomer_ThrowsResourceMissingOnCustomer()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Customers.DraftAsync(client, "cus_missing"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("customer", error.StripeError.Param);
    }

    [Fact]
    public async Task Create_UnknownParameter_ThrowsParameterUnknown()
    {
        var customer = await Customers.CreateAsync(client);
        var options = new InvoiceCreateOptions { Customer = customer.Id };
        options.AddExtraParam("colour", "blue");

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(client).CreateAsync(options, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("parameter_unknown", error.StripeError.Code);
        Assert.Equal("colour", error.StripeError.Param);
    }

    [Fact]
    public async Task AddItems_AmountAndQuantityTimesDecimal_TotalsFollowTheLines()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        var items = new InvoiceItemService(client);
        var seats = await Customers.AddAmountAsync(client, invoice, 5000, "Seats");
        var usage = await items.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id,
            Invoice = invoice.Id,
            Currency = "usd",
            Quantity = 1234,
            UnitAmountDecimal = 0.0125m,
            Description = "Compute seconds",
            Period = new InvoiceItemPeriodOptions { Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), End = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc) },
            Metadata = new Dictionary<string, string> { ["meter"] = "compute_seconds" },
        }, cancellationToken: ct);

        var read = await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal(5000, seats.Amount);
        Assert.Equal(15, usage.Amount); // 1234 × 0.0125 = 15.425 → 15
        Assert.Equal(invoice.Id, usage.InvoiceId);
        Assert.Equal(5015, read.Subtotal);
        Assert.Equal(5015, read.Total);
        Assert.Equal(5015, read.AmountDue);
        Assert.Equal(2, read.Lines.Data.Count);
        var line = read.Lines.Data[1];
        Assert.Equal("line_item", line.Object);
        Assert.Equal(15, line.Amount);
        Assert.Equal(1234, line.Quantity);
        Assert.Equal(0.0125m, line.Pricing.UnitAmountDecimal);
        Assert.Equal("Compute seconds", line.Description);
        Assert.Equal("compute_seconds", line.Metadata["meter"]);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), line.Period.Start);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), line.Period.End);
        Assert.Equal(usage.Id, line.Parent.InvoiceItemDetails.InvoiceItem);
    }

    [Theory]
    [InlineData(3, "0.5", 2)] // 1.5: half away from zero
    [InlineData(1, "0.4999", 0)]
    [InlineData(7, "14.2857142857", 100)] // 99.9999999999
    [InlineData(2, "-0.25", -1)] // a credit: -0.5 rounds away from zero
    [InlineData(1000000, "0.000001", 1)]
    public async Task AddItem_QuantityTimesUnitAmountDecimal_RoundedOnceToMinorUnits(long quantity, string unitAmountDecimal, long expected)
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);

        var item = await new InvoiceItemService(client).CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id,
            Invoice = invoice.Id,
            Quantity = quantity,
            UnitAmountDecimal = decimal.Parse(unitAmountDecimal, System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken: ct);

        Assert.Equal(expected, item.Amount);
        Assert.Equal("usd", item.Currency);
    }

    [Fact]
    public async Task AddItem_QuantityDecimal_PricesTheFractionalQuantity()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);

        var item = await new InvoiceItemService(client).CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id,
            Invoice = invoice.Id,
            QuantityDecimal = 2.5m,
            UnitAmountDecimal = 101m,
        }, cancellationToken: ct);

        Assert.Equal(253, item.Amount); // 252.5 → 253
        Assert.Equal(2.5m, item.QuantityDecimal);
        Assert.Equal(2, item.Quantity);
    }

    [Fact]
    public async Task AddItem_AmountAndUnitAmountDecimal_ThrowsInvalidRequest()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceItemService(client).CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id,
            Invoice = invoice.Id,
            Amount = 100,
            UnitAmountDecimal = 1m,
        }, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("amount", error.StripeError.Param);
    }

    [Fact]
    public async Task AddItem_CurrencyOtherThanInvoices_ThrowsOnCurrency()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id, "eur");

        var error = await Assert.ThrowsAsync<StripeException>(() => new InvoiceItemService(client).CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer.Id,
            Invoice = invoice.Id,
            Currency = "usd",
            Amount = 100,
        }, cancellationToken: ct));

        Assert.Equal("currency", error.StripeError.Param);
    }

    [Fact]
    public async Task AddItem_FinalizedInvoice_ThrowsInvoiceNotEditable()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, invoice, 100);
        await new InvoiceService(client).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => Customers.AddAmountAsync(client, invoice, 100));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invoice_not_editable", error.StripeError.Code);
    }

    [Fact]
    public async Task Lines_MoreThanTen_InvoiceEmbedsTenAndTheLinesListHasAll()
    {
        var customer = await Customers.CreateAsync(client);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        for (var i = 1; i <= 12; i++)
        {
            await Customers.AddAmountAsync(client, invoice, i, $"line {i}");
        }

        var service = new InvoiceService(client);
        var read = await service.GetAsync(invoice.Id, cancellationToken: ct);
        var all = new List<InvoiceLineItem>();
        await foreach (var line in new InvoiceLineItemService(client).ListAutoPagingAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = 5 }, cancellationToken: ct))
        {
            all.Add(line);
        }

        Assert.Equal(10, read.Lines.Data.Count);
        Assert.True(read.Lines.HasMore);
        Assert.Equal(78, read.Total);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"line {i}"), all.Select(l => l.Description));
    }

    [Fact]
    public async Task List_ByCustomerAndStatus_NewestFirst()
    {
        var customer = await Customers.CreateAsync(client);
        var first = await Customers.DraftAsync(client, customer.Id);
        var second = await Customers.DraftAsync(client, customer.Id);
        await new InvoiceService(client).FinalizeInvoiceAsync(first.Id, cancellationToken: ct); // no lines: paid at once

        var service = new InvoiceService(client);
        var all = await service.ListAsync(new InvoiceListOptions { Customer = customer.Id }, cancellationToken: ct);
        var drafts = await service.ListAsync(new InvoiceListOptions { Customer = customer.Id, Status = "draft" }, cancellationToken: ct);
        var firstPage = await service.ListAsync(new InvoiceListOptions { Customer = customer.Id, Limit = 1 }, cancellationToken: ct);

        Assert.Equal([second.Id, first.Id], all.Data.Select(i => i.Id));
        Assert.Equal(second.Id, Assert.Single(drafts.Data).Id);
        Assert.True(firstPage.HasMore);
        Assert.Equal(second.Id, Assert.Single(firstPage.Data).Id);
    }
}
