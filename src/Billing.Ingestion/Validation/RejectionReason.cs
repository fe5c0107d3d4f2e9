namespace Billing.Ingestion.Validation;

/// <summary>
/// Why an event was refused. The codes (<see cref="RejectionReasons.Code"/>) are a public
/// contract: they appear in API results and in rejects files and never change.
/// </summary>
public enum RejectionReason
{
    /// <summary>Not a JSON object / CSV row of the event shape, or a required field is missing or mistyped.</summary>
    Malformed,

    /// <summary>The identifier is longer than 100 characters.</summary>
    IdentifierTooLong,

    /// <summary>No meter has this event_name.</summary>
    UnknownEventName,

    /// <summary>The payload lacks the meter's customer key.</summary>
    MissingCustomer,

    /// <summary>The value is missing, not a finite number, or beyond the bounds of <see cref="EventValues"/>.</summary>
    InvalidValue,

    /// <summary>The value is negative and the meter does not allow negative values.</summary>
    NegativeValue,

    /// <summary>The timestamp is outside the accepted window.</summary>
    TimestampOutOfWindow,

    /// <summary>The customer has no subscription to this meter active at the event's timestamp.</summary>
    NoSubscription,
}
