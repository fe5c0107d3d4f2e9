namespace Billing.Cli.Api;

/// <summary>The answer to <c>POST /api/meter_events</c> (docs/contracts.md §1).</summary>
internal sealed record MeterEventsResult(long Accepted, long Duplicates, long Rejected, IReadOnlyList<MeterEventResult> Results);
