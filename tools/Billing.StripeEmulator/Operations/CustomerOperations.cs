using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.Resources;
using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// <c>/v1/customers</c>, and the control endpoints that seed customers and set their payment outcome
/// (which, run outside the API pipeline, write their own changes to the journal).
/// </summary>
internal sealed class CustomerOperations(EmulatorStore store, EmulatorJournal journal, TimeProvider time)
{
    public ApiResponse Create(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("name", "email", "description", "metadata");
        var metadata = p.Metadata();
        lock (store.Gate)
        {
            var customer = New(IdGenerator.New("cus"), p.String("name"), p.String("email"));
            customer.Description = p.String("description");
            customer.Metadata = metadata;
            return ApiResponse.Ok(CustomerResource.From(customer));
        }
    }

    public ApiResponse Retrieve(ApiRequest request)
    {
        request.Parameters.RejectUnknown();
        lock (store.Gate)
        {
            return ApiResponse.Ok(CustomerResource.From(Find(request.Route("id"), "id")));
        }
    }

    public ApiResponse List(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("email", "limit", "starting_after", "ending_before");
        var email = p.String("email");
        lock (store.Gate)
        {
            var matching = store.Customers.Values
                .Where(c => email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(c => c.Sequence)
                .ToList();
            return ApiResponse.Ok(Pages.Page(matching, c => c.Id, CustomerResource.From, p, "/v1/customers", "customer"));
        }
    }

    /// <summary>Creates the customer with this id, or updates its name, email and outcome if it exists.</summary>
    public void Seed(SeededCustomer seed)
    {
        lock (store.Gate)
        {
            var customer = store.Customers.TryGetValue(seed.Id, out var existing) ? existing : New(seed.Id, null, null);
            customer.Name = seed.Name ?? customer.Name;
            customer.Email = seed.Email ?? customer.Email;
            customer.PaymentOutcome = seed.PaymentOutcome;
            store.Changed(customer);
        }

        journal.Commit();
    }

    /// <returns>False when there is no such customer.</returns>
    public bool SetPaymentOutcome(string customerId, PaymentOutcome outcome)
    {
        lock (store.Gate)
        {
            if (!store.Customers.TryGetValue(customerId, out var customer))
            {
                return false;
            }

            customer.PaymentOutcome = outcome;
            store.Changed(customer);
        }

        journal.Commit();
        return true;
    }

    /// <summary>The customer; throws 404 <c>resource_missing</c> naming <paramref name="param"/>. Hold the gate.</summary>
    public CustomerRecord Find(string id, string param) =>
        store.Customers.TryGetValue(id, out var customer) ? customer : throw ApiRequestException.Missing("customer", id, param);

    private CustomerRecord New(string id, string? name, string? email)
    {
        var customer = new CustomerRecord
        {
            Id = id,
            Sequence = store.NextSequence(),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            InvoicePrefix = IdGenerator.InvoicePrefix(),
            Name = name,
            Email = email,
        };
        store.Customers.Add(id, customer);
        store.Changed(customer);
        return customer;
    }
}
