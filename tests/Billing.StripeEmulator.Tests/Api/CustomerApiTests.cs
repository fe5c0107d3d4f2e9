using System.Net;
using Billing.StripeEmulator.Tests.Support;
using Stripe;

namespace Billing.StripeEmulator.Tests.Api;

public sealed class CustomerApiTests(EmulatorFixture fixture)
{
    private readonly CustomerService customers = new(fixture.Client);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NameEmailMetadata_RoundTrips()
    {
        var created = await customers.CreateAsync(new CustomerCreateOptions
        {
            Name = "Ada",
            Email = "ada@example.com",
            Metadata = new Dictionary<string, string> { ["tenant"] = "t-1" },
        }, cancellationToken: ct);

        var read = await customers.GetAsync(created.Id, cancellationToken: ct);

        Assert.StartsWith("cus_", created.Id, StringComparison.Ordinal);
        Assert.Equal("customer", read.Object);
        Assert.Equal("Ada", read.Name);
        Assert.Equal("ada@example.com", read.Email);
        Assert.Equal("t-1", read.Metadata["tenant"]);
        Assert.Equal(0, read.Balance);
    }

    [Fact]
    public async Task Get_SeededCustomer_ReturnsItUnderItsOwnId()
    {
        var seeded = await customers.GetAsync(EmulatorFixture.SeededCustomerId, cancellationToken: ct);

        Assert.Equal("Seeded", seeded.Name);
    }

    [Fact]
    public async Task Get_UnknownCustomer_ThrowsResourceMissing404()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => customers.GetAsync("cus_nope", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("No such customer: 'cus_nope'", error.StripeError.Message);
    }

    [Fact]
    public async Task List_ByEmail_FindsOnlyThatCustomer()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await customers.CreateAsync(new CustomerCreateOptions { Email = email }, cancellationToken: ct);
        await customers.CreateAsync(new CustomerCreateOptions { Email = $"other-{email}" }, cancellationToken: ct);

        var listed = await customers.ListAsync(new CustomerListOptions { Email = email }, cancellationToken: ct);

        Assert.Equal(created.Id, Assert.Single(listed.Data).Id);
    }
}
