using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// <c>recurring</c> as read. A null <see cref="Interval"/>, <see cref="IntervalCount"/> or <see cref="UsageType"/> was invalid;
/// <see cref="MeterId"/> is null for licensed prices.
/// </summary>
internal sealed record RecurringDraft(BillingInterval? Interval, int? IntervalCount, UsageType? UsageType, string? MeterId);
