using Billing.StripeEmulator.Operations;

namespace Billing.StripeEmulator.Endpoints;

/// <summary><c>/v1/customers</c>.</summary>
internal static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder v1)
    {
        v1.Post<CustomerOperations>("/customers", o => o.Create);
        v1.Get<CustomerOperations>("/customers", o => o.List);
        v1.Get<CustomerOperations>("/customers/{id}", o => o.Retrieve);
    }
}
