using System.Text.Json.Serialization;

namespace Billing.LocalHost.Triggers;

/// <summary>Source-generated JSON for <see cref="TimerStatus"/>.</summary>
[JsonSerializable(typeof(TimerStatus))]
internal sealed partial class TimerStatusJson : JsonSerializerContext;
