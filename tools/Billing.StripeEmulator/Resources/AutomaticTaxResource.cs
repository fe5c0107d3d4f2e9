namespace Billing.StripeEmulator.Resources;

/// <summary>Automatic tax is never on in the emulator.</summary>
internal sealed record AutomaticTaxResource
{
    public bool Enabled => false;

    public object? Liability => null;

    public object? Status => null;
}
