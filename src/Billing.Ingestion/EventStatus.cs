namespace Billing.Ingestion;

/// <summary>What happened to one event.</summary>
public enum EventStatus
{
    /// <summary>Counted, exactly once.</summary>
    Accepted,

    /// <summary>An earlier accepted event of the same meter, customer and period had the same identifier.</summary>
    Duplicate,

    /// <summary>Refused with a reason; it did not claim its identifier.</summary>
    Rejected,
}
