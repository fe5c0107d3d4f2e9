using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Hosting;

/// <summary>A customer that exists from the start (and again after a reset), with the id it is given, e.g. a catalog's <c>cus_A</c>.</summary>
public sealed class SeededCustomer
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Email { get; set; }

    public PaymentOutcome PaymentOutcome { get; set; } = PaymentOutcome.Succeeds;
}
