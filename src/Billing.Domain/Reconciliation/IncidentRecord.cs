namespace Billing.Domain.Reconciliation;

/// <summary>
/// An invoice run that could not bill everything it should: the lines it left out (their price is
/// beyond the line bound), so what they would bill is still unbilled and needs a person.
/// </summary>
/// <param name="InvoiceId">The invoice the lines belong to; it was issued without them, or not at all when they were all it had.</param>
public sealed record IncidentRecord(
    string Customer,
    string InvoiceId,
    string Subscription,
    IReadOnlyList<IncidentLine> Lines,
    DateTimeOffset DetectedAt);
