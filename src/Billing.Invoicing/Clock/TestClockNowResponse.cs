using System.Text.Json.Serialization;

namespace Billing.Invoicing.Clock;

/// <summary>The body of <c>GET /api/test_helpers/clock</c>.</summary>
/// <param name="Now">The business clock's current time, Unix seconds: what relative advances count from.</param>
/// <param name="FrozenTime">The time the clock stands at, Unix seconds; null until the first advance (the clock follows the system clock).</param>
public sealed record TestClockNowResponse(
    [property: JsonPropertyName("now")] long Now,
    [property: JsonPropertyName("frozen_time")] long? FrozenTime);
