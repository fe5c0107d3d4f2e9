using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Domain.Alerts;

namespace Billing.Storage.Alerts;

/// <summary>One rule in its subscription's rule-set row, with the latest period it fired in (times in Unix milliseconds, decimals as invariant text).</summary>
internal sealed record StoredAlertRule(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("gte")] string Gte,
    [property: JsonPropertyName("created")] long CreatedMs,
    [property: JsonPropertyName("key")] string ContentKey,
    [property: JsonPropertyName("fired")] StoredFiring? Fired)
{
    public static StoredAlertRule From(AlertRule rule) => new(
        rule.Id, rule.CustomerId, AlertKinds.Name(rule.Kind), rule.MeterId, AlertRule.CanonicalGte(rule.Gte), rule.Created.ToUnixTimeMilliseconds(), rule.ContentKey, Fired: null);

    public AlertRule ToRule(string subscriptionId) => new(
        Id,
        subscriptionId,
        Customer,
        AlertKinds.Parse(Kind) ?? throw new InvalidDataException($"Alert rule {Id} of {subscriptionId} has an unknown kind '{Kind}'."),
        Meter,
        decimal.Parse(Gte, NumberStyles.Number, CultureInfo.InvariantCulture),
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs));

    public AlertFiring? ToFiring() => Fired?.ToFiring(Id);
}
