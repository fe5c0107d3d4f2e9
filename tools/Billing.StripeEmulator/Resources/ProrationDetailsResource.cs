namespace Billing.StripeEmulator.Resources;

/// <summary>Proration details of a line; the emulator never prorates.</summary>
internal sealed record ProrationDetailsResource
{
    public object? CreditedItems => null;
}
