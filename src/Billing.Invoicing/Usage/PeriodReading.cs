using Billing.Domain.Invoicing;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>One period's stored usage (null when nothing was committed) and its priced view.</summary>
internal sealed record PeriodReading(UsageSnapshot? Snapshot, PeriodUsage Usage);
