using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Resources;

/// <summary>A customer (<c>"object": "customer"</c>); <c>balance</c> in minor units, negative is credit.</summary>
internal sealed record CustomerResource
{
    public required string Id { get; init; }

    public string Object => "customer";

    public object? Address => null;

    public required long Balance { get; init; }

    public required long Created { get; init; }

    public object? Currency => null;

    public object? DefaultSource => null;

    public bool Delinquent => false;

    public required string? Description { get; init; }

    public object? Discount => null;

    public required string? Email { get; init; }

    public required string InvoicePrefix { get; init; }

    public InvoiceSettingsResource InvoiceSettings => new();

    public bool Livemode => false;

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required string? Name { get; init; }

    public required long NextInvoiceSequence { get; init; }

    public object? Phone => null;

    public IReadOnlyList<string> PreferredLocales => [];

    public object? Shipping => null;

    public string TaxExempt => "none";

    public object? TestClock => null;

    public static CustomerResource From(CustomerRecord customer) => new()
    {
        Id = customer.Id,
        Balance = customer.Balance,
        Created = customer.Created,
        Description = customer.Description,
        Email = customer.Email,
        InvoicePrefix = customer.InvoicePrefix,
        Metadata = new Dictionary<string, string>(customer.Metadata, StringComparer.Ordinal),
        Name = customer.Name,
        NextInvoiceSequence = customer.NextInvoiceSequence,
    };
}
