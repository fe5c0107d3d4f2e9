namespace Billing.Domain.Invoicing;

/// <summary>What paying an invoice did: expected outcomes are values, not exceptions (STYLE rule 10).</summary>
public abstract record PaymentResult
{
    private PaymentResult()
    {
    }

    /// <summary>The invoice is paid.</summary>
    public sealed record Paid(long AmountPaid) : PaymentResult;

    /// <summary>The card was declined; the invoice stays open.</summary>
    public sealed record Declined(string Reason) : PaymentResult;

    /// <summary>The bank asks the customer to authenticate (3-D Secure); the invoice stays open.</summary>
    public sealed record RequiresAction(string Reason) : PaymentResult;
}
