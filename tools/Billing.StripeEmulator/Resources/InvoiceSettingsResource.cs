namespace Billing.StripeEmulator.Resources;

/// <summary>A customer's invoice settings; the emulator keeps none.</summary>
internal sealed record InvoiceSettingsResource
{
    public object? CustomFields => null;

    public object? DefaultPaymentMethod => null;

    public object? Footer => null;

    public object? RenderingOptions => null;
}
