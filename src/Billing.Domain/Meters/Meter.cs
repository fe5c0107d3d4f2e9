namespace Billing.Domain.Meters;

/// <summary>
/// A billing meter (Stripe's shape): events named <see cref="EventName"/> are routed to a customer
/// by <see cref="CustomerPayloadKey"/> and carry their value under <see cref="ValuePayloadKey"/>.
/// </summary>
public sealed record Meter
{
    public const string DefaultCustomerPayloadKey = "stripe_customer_id";
    public const string DefaultValuePayloadKey = "value";

    public Meter(
        string id,
        string eventName,
        AggregationFormula formula,
        string customerPayloadKey = DefaultCustomerPayloadKey,
        string valuePayloadKey = DefaultValuePayloadKey,
        bool allowNegative = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerPayloadKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(valuePayloadKey);
        Id = id;
        EventName = eventName;
        Formula = formula;
        CustomerPayloadKey = customerPayloadKey;
        ValuePayloadKey = valuePayloadKey;
        AllowNegative = allowNegative;
    }

    public string Id { get; }

    public string EventName { get; }

    public AggregationFormula Formula { get; }

    public string CustomerPayloadKey { get; }

    public string ValuePayloadKey { get; }

    /// <summary>Our extension (<c>value_settings.allow_negative</c>): negative values are accepted.</summary>
    public bool AllowNegative { get; }

    /// <summary>
    /// True when the aggregate can only grow as events arrive: sum without negatives, count, max,
    /// unique_count. Only monotonic meters take part in threshold invoices.
    /// </summary>
    public bool IsMonotonic => FormulaRules.Of(Formula).IsMonotonic(AllowNegative);
}
