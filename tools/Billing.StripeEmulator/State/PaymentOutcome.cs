namespace Billing.StripeEmulator.State;

/// <summary>What happens when the emulator charges a customer's default payment method.</summary>
public enum PaymentOutcome
{
    /// <summary>The charge succeeds and the invoice is paid (the default).</summary>
    Succeeds,

    /// <summary>The card is declined: 402 <c>card_declined</c>, the invoice stays unpaid, <c>invoice.payment_failed</c>.</summary>
    Declines,

    /// <summary>The bank asks for authentication: 402 <c>invoice_payment_intent_requires_action</c>, <c>invoice.payment_action_required</c>.</summary>
    RequiresAction,
}
