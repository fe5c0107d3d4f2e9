namespace Billing.Domain.Reconciliation;

/// <summary>
/// An invoice run that could not bill everything it should, and needs a person: the lines it left
/// out (their price is beyond the line bound), so what they would bill is still unbilled; or, with
/// a <see cref="Reason"/>, a run that ended or stalls for that reason (its Stripe invoice vanished,
/// Stripe keeps failing), with no lines.
/// </summary>
/// <param name="InvoiceId">The invoice the lines belong to; it was issued without them, or not at all when they were all it had.</param>
public sealed record IncidentRecord(
    string Customer,
    string InvoiceId,
    string Subscription,
    IReadOnlyList<IncidentLine> Lines,
    DateTimeOffset DetectedAt)
{
    /// <summary>Reason code of a run incident (<see cref="IncidentReasons"/>); null for lines left out.</summary>
    public string? Reason { get; init; }

    /// <summary>What happened, for a person (Stripe ids, the error); null for lines left out.</summary>
    public string? Message { get; init; }
}
