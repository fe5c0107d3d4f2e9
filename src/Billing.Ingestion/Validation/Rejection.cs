namespace Billing.Ingestion.Validation;

/// <summary>A refused event: the stable reason code and a message naming the failing field.</summary>
public readonly record struct Rejection(RejectionReason Reason, string Message)
{
    public string Code => Reason.Code();
}
