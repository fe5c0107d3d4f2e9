using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary><c>transform_quantity</c> as read; null fields were missing or invalid.</summary>
internal sealed record TransformDraft(long? DivideBy, RoundingDirection? Round);
