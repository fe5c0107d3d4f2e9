namespace Billing.StripeEmulator.Api;

/// <summary>
/// The error <c>code</c> values the emulator answers with; all are codes Stripe documents.
/// Stripe answers every refused invoice status change with <c>invoice_not_editable</c>; the
/// message says which change and why.
/// </summary>
internal static class ErrorCodes
{
    public const string ResourceMissing = "resource_missing";
    public const string ParameterUnknown = "parameter_unknown";
    public const string ParameterMissing = "parameter_missing";
    public const string ParameterInvalidInteger = "parameter_invalid_integer";
    public const string ParameterInvalidEmpty = "parameter_invalid_empty";
    public const string InvoiceNotEditable = "invoice_not_editable";
    public const string CardDeclined = "card_declined";
    public const string RequiresAction = "invoice_payment_intent_requires_action";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string RateLimit = "rate_limit";
}
