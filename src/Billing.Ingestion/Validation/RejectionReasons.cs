namespace Billing.Ingestion.Validation;

public static class RejectionReasons
{
    /// <summary>The stable snake_case code of a reason, as in API results and rejects files.</summary>
    public static string Code(this RejectionReason reason) => reason switch
    {
        RejectionReason.Malformed => "malformed",
        RejectionReason.IdentifierTooLong => "identifier_too_long",
        RejectionReason.UnknownEventName => "unknown_event_name",
        RejectionReason.MissingCustomer => "missing_customer",
        RejectionReason.InvalidValue => "invalid_value",
        RejectionReason.NegativeValue => "negative_value",
        RejectionReason.TimestampOutOfWindow => "timestamp_out_of_window",
        RejectionReason.NoSubscription => "no_subscription",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
