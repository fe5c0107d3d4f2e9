using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>A metered item's line of a period with its daily series (null when unknown), which the forecast reads.</summary>
internal sealed record MeteredLine(SubscriptionItem Item, MeterUsageLine Line, IReadOnlyList<DailyLine>? Series);
