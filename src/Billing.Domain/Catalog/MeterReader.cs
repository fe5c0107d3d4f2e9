using Billing.Domain.Meters;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads <c>meters[]</c>. Ids and event names must be unique: an event is routed to its meter by
/// <c>event_name</c> alone.
/// </summary>
internal static class MeterReader
{
    // display_name, status and object appear in Stripe's exports; they are accepted and not used.
    private static readonly string[] Fields =
        ["id", "object", "display_name", "status", "event_name", "default_aggregation", "customer_mapping", "value_settings"];

    private static readonly string[] AggregationFields = ["formula"];
    private static readonly string[] CustomerMappingFields = ["event_payload_key", "type"];
    private static readonly string[] ValueSettingsFields = ["event_payload_key", "allow_negative"];

    public static IReadOnlyList<MeterDraft> ReadAll(ObjectReader root)
    {
        var ids = new UniqueNames("meter id", root.Log);
        var eventNames = new UniqueNames("event_name", root.Log);
        var drafts = new List<MeterDraft>();
        foreach (var meter in root.Objects("meters", Fields) ?? [])
        {
            if (meter is null)
            {
                continue;
            }

            var draft = Read(meter);
            ids.Claim(draft.Id, meter.PathOf("id"));
            eventNames.Claim(draft.EventName, meter.PathOf("event_name"));
            drafts.Add(draft);
        }

        return drafts;
    }

    private static MeterDraft Read(ObjectReader meter)
    {
        var id = meter.String("id", required: true);
        var eventName = meter.String("event_name", required: true);
        var aggregation = meter.Object("default_aggregation", AggregationFields, required: true);
        var formula = aggregation?.Choice("formula", StripeNames.Formulas, required: true);

        var mapping = meter.Object("customer_mapping", CustomerMappingFields);
        var customerKey = mapping?.String("event_payload_key") ?? Meter.DefaultCustomerPayloadKey;
        if (mapping?.String("type") is { } type && type != "by_id")
        {
            mapping.Error("type", $"must be by_id, got '{type}'");
        }

        var values = meter.Object("value_settings", ValueSettingsFields);
        var valueKey = values?.String("event_payload_key") ?? Meter.DefaultValuePayloadKey;
        var allowNegative = values?.Boolean("allow_negative") ?? false;

        return new MeterDraft(id, eventName, formula, customerKey, valueKey, allowNegative);
    }
}
