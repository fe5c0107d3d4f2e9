namespace Billing.Domain.Catalog;

/// <summary>Reads <c>customers[]</c>; <c>id</c> is the Stripe customer id and must be unique.</summary>
internal static class CustomerReader
{
    private static readonly string[] Fields = ["id", "name", "email"];

    public static IReadOnlyList<CustomerDraft> ReadAll(ObjectReader root)
    {
        var ids = new UniqueNames("customer id", root.Log);
        var drafts = new List<CustomerDraft>();
        foreach (var customer in root.Objects("customers", Fields) ?? [])
        {
            if (customer is null)
            {
                continue;
            }

            var draft = new CustomerDraft(
                customer.String("id", required: true),
                customer.String("name", allowBlank: true),
                customer.String("email", allowBlank: true));
            ids.Claim(draft.Id, customer.PathOf("id"));
            drafts.Add(draft);
        }

        return drafts;
    }
}
