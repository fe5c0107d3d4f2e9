using Stripe;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>Builders for the objects most tests start from.</summary>
internal static class Customers
{
    public static Task<Customer> CreateAsync(StripeClient client, string? name = null) =>
        new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = name ?? "Test customer", Email = $"{Guid.NewGuid():N}@example.com" }, cancellationToken: TestContext.Current.CancellationToken);

    public static Task<Invoice> DraftAsync(StripeClient client, string customerId, string currency = "usd") =>
        new InvoiceService(client).CreateAsync(new InvoiceCreateOptions
        {
            Customer = customerId,
            Currency = currency,
            AutoAdvance = false,
            CollectionMethod = "charge_automatically",
            PendingInvoiceItemsBehavior = "exclude",
        }, cancellationToken: TestContext.Current.CancellationToken);

    public static Task<InvoiceItem> AddAmountAsync(StripeClient client, Invoice invoice, long amount, string? description = null) =>
        new InvoiceItemService(client).CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = invoice.CustomerId,
            Invoice = invoice.Id,
            Currency = invoice.Currency,
            Amount = amount,
            Description = description,
        }, cancellationToken: TestContext.Current.CancellationToken);
}
