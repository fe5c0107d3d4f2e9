using System.Text.Json.Serialization;

namespace Billing.Storage.Alerts;

/// <summary>Source-generated JSON for the rule-set rows of table <c>alerts</c>.</summary>
[JsonSerializable(typeof(List<StoredAlertRule>))]
internal sealed partial class AlertsJson : JsonSerializerContext;
