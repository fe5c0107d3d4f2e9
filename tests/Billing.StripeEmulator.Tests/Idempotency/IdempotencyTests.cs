using System.Net;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.StripeEmulator.Tests.Idempotency;

public sealed class IdempotencyTests(EmulatorFixture fixture)
{
    private readonly StripeClient client = fixture.Client;
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_SameKeySameParameters_ReplaysTheSavedInvoice()
    {
        var customer = await Customers.CreateAsync(client);
        var key = RequestOptionsWithKey();
        var options = new InvoiceCreateOptions { Customer = customer.Id, Currency = "usd", Metadata = new Dictionary<string, string> { ["run_id"] = "r1" } };
        var service = new InvoiceService(client);

        var first = await service.CreateAsync(options, key, ct);
        var second = await service.CreateAsync(options, key, ct);
        var listed = await service.ListAsync(new InvoiceListOptions { Customer = customer.Id }, cancellationToken: ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.StripeResponse.Content, second.StripeResponse.Content);
        Assert.False(first.StripeResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.StripeResponse.RequestId, second.StripeResponse.Headers.GetValues("Original-Request").Single());
        Assert.Single(listed.Data);
    }

    [Fact]
    public async Task Create_SameKeyDifferentParameters_ThrowsIdempotencyError()
    {
        var customer = await Customers.CreateAsync(client);
        var key = RequestOptionsWithKey();
        var service = new InvoiceService(client);
        await service.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "usd" }, key, ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => service.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "eur" }, key, ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Contains(key.IdempotencyKey, error.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameKeyOnAnotherEndpoint_ThrowsIdempotencyError()
    {
        var customer = await Customers.CreateAsync(client);
        var key = RequestOptionsWithKey();
        await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = customer.Id }, key, ct);

        var error = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(client).CreateAsync(new CustomerCreateOptions(), key, ct));

        Assert.Equal("idempotency_error", error.StripeError.Type);
    }

    [Fact]
    public async Task Create_SameKeyUnderAnotherApiKey_IsANewRequest()
    {
        var customer = await Customers.CreateAsync(client);
        var other = StripeClients.For(fixture.Server, apiKey: "sk_test_another_account");
        var key = RequestOptionsWithKey();

        var mine = await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "usd" }, key, ct);
        var theirs = await new InvoiceService(other).CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "eur" }, key, ct);

        Assert.NotEqual(mine.Id, theirs.Id);
        Assert.Equal("eur", theirs.Currency);
    }

    [Fact]
    public async Task Pay_DeclinedThenRetriedWithTheSameKey_ReplaysTheDeclineWithoutCharging()
    {
        var customer = await Customers.CreateAsync(client);
        fixture.Server.SetPaymentOutcome(customer.Id, State.PaymentOutcome.Declines);
        var invoice = await Customers.DraftAsync(client, customer.Id);
        await Customers.AddAmountAsync(client, invoice, 900);
        var service = new InvoiceService(client);
        await service.FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
        var key = RequestOptionsWithKey();
        await Assert.ThrowsAsync<StripeException>(() => service.PayAsync(invoice.Id, null, key, ct));
        fixture.Server.SetPaymentOutcome(customer.Id, State.PaymentOutcome.Succeeds);

        var replayed = await Assert.ThrowsAsync<StripeException>(() => service.PayAsync(invoice.Id, null, key, ct));
        var read = await service.GetAsync(invoice.Id, cancellationToken: ct);

        Assert.Equal(HttpStatusCode.PaymentRequired, replayed.HttpStatusCode);
        Assert.Equal("card_declined", replayed.StripeError.Code);
        Assert.Equal(("open", 1L), (read.Status, read.AttemptCount));
    }

    [Fact]
    public async Task Create_RefusedBeforeRunning_KeyIsNotSavedAndCanBeRetried()
    {
        var id = $"cus_late_{Guid.NewGuid():N}";
        var key = RequestOptionsWithKey();
        var options = new InvoiceCreateOptions { Customer = id, Currency = "usd" };
        var service = new InvoiceService(client);
        var missing = await Assert.ThrowsAsync<StripeException>(() => service.CreateAsync(options, key, ct));
        fixture.Server.SeedCustomer(id);

        var created = await service.CreateAsync(options, key, ct);

        Assert.Equal("resource_missing", missing.StripeError.Code);
        Assert.Equal(id, created.CustomerId);
    }

    [Fact]
    public async Task Create_KeyOlderThanItsLifetime_IsANewRequest()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await StripeEmulatorServer.StartAsync(timeProvider: time, cancellationToken: ct);
        var own = StripeClients.For(server);
        var customer = await Customers.CreateAsync(own);
        var key = RequestOptionsWithKey();
        var service = new InvoiceService(own);
        var first = await service.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "usd" }, key, ct);
        time.Advance(StripeEmulatorOptions.DefaultIdempotencyKeyLifetime);

        var second = await service.CreateAsync(new InvoiceCreateOptions { Customer = customer.Id, Currency = "eur" }, key, ct);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc), second.Created);
    }

    private static RequestOptions RequestOptionsWithKey() => new() { IdempotencyKey = $"run-{Guid.NewGuid():N}" };
}
