using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Domain.Alerts;

namespace Billing.Storage.Alerts;

/// <summary>The latest period a rule fired in, as its rule-set row keeps it.</summary>
internal sealed record StoredFiring(
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("event")] string EventId,
    [property: JsonPropertyName("at")] long AtMs)
{
    public static StoredFiring From(AlertFiring firing) =>
        new(firing.PeriodStart, firing.Value.ToString(CultureInfo.InvariantCulture), firing.EventId, firing.TriggeredAt.ToUnixTimeMilliseconds());

    public AlertFiring ToFiring(string ruleId) =>
        new(ruleId, PeriodStart, decimal.Parse(Value, NumberStyles.Number, CultureInfo.InvariantCulture), EventId, DateTimeOffset.FromUnixTimeMilliseconds(AtMs));
}
