using System.Text.Json.Serialization;

namespace Billing.Cli.Api;

/// <summary>The test clock's body: <c>{"frozen_time": unix seconds}</c>, as Stripe's test clocks.</summary>
internal sealed record FrozenTime([property: JsonPropertyName("frozen_time")] long UnixSeconds);
