using Billing.Ingestion.Validation;

namespace Billing.Ingestion;

/// <summary>The outcome of one event of a request, in request order.</summary>
/// <param name="Late">Accepted into a period that was already invoiced: it is billed on the next cycle invoice.</param>
public sealed record EventResult(int Index, string? Identifier, EventStatus Status, Rejection? Rejection = null, bool Late = false);
