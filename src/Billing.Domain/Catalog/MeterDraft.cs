using Billing.Domain.Meters;

namespace Billing.Domain.Catalog;

/// <summary>A meter as read; a null field was missing or invalid and an error was recorded.</summary>
internal sealed record MeterDraft(
    string? Id,
    string? EventName,
    AggregationFormula? Formula,
    string CustomerPayloadKey,
    string ValuePayloadKey,
    bool AllowNegative);
