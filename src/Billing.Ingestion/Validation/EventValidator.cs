using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Billing.Domain.Catalog;
using Billing.Domain.Meters;
using Billing.Domain.Usage;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Validation;

/// <summary>
/// Validates raw events against the catalog and the accepted time window and routes each valid
/// one to its (subscription, period) partition. Checks run in the order of the reason codes, so
/// an event fails with the first reason that applies.
/// </summary>
public sealed class EventValidator
{
    private readonly BillingCatalog catalog;
    private readonly IngestionOptions options;

    public EventValidator(BillingCatalog catalog, IngestionOptions options)
    {
        this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <param name="now">The instant the accepted window is measured from (inclusive at both ends).</param>
    public bool TryValidate(RawEvent raw, DateTimeOffset now, out ValidEvent valid, out Rejection rejection)
    {
        valid = default;
        rejection = Check(raw, now, ref valid);
        return rejection == default;
    }

    private Rejection Check(RawEvent raw, DateTimeOffset now, ref ValidEvent valid)
    {
        if (raw.Malformed is { } why)
        {
            return new(RejectionReason.Malformed, why);
        }

        // Characters are Unicode scalar values (an emoji is one, though UTF-16 needs two units for it);
        // never fewer than half the UTF-16 length, so only a long identifier is counted.
        if (raw.Identifier is { Length: > IngestionOptions.MaxIdentifierLength } id && Characters(id) is var characters and > IngestionOptions.MaxIdentifierLength)
        {
            return new(RejectionReason.IdentifierTooLong,
                $"identifier has {characters} characters (Unicode scalar values); at most {IngestionOptions.MaxIdentifierLength} are allowed");
        }

        if (catalog.MeterForEventName(raw.EventName!) is not { } meter)
        {
            return new(RejectionReason.UnknownEventName, $"event_name '{raw.EventName}' matches no meter");
        }

        if (raw.PayloadValue(meter.CustomerPayloadKey) is not { Length: > 0 } customer)
        {
            return new(RejectionReason.MissingCustomer, $"payload.{meter.CustomerPayloadKey} is required by meter {meter.Id}");
        }

        var text = raw.PayloadValue(meter.ValuePayloadKey);
        var rules = FormulaRules.Of(meter.Formula);
        decimal value = 0;
        if (rules.NeedsNumber)
        {
            if (text is null)
            {
                return new(RejectionReason.InvalidValue, $"payload.{meter.ValuePayloadKey} is required by meter {meter.Id}");
            }

            switch (EventValues.Read(text, out value))
            {
                case ValueReading.NotANumber:
                    return new(RejectionReason.InvalidValue, $"payload.{meter.ValuePayloadKey} '{Shorten(text)}' is not a finite number");
                case ValueReading.OutOfRange:
                    return new(RejectionReason.InvalidValue, OutOfRange(meter.ValuePayloadKey, text));
            }

            if (value < 0 && !meter.AllowNegative)
            {
                return new(RejectionReason.NegativeValue, $"payload.{meter.ValuePayloadKey} {text} is negative; meter {meter.Id} does not allow negative values");
            }
        }
        else if (rules.CountsDistinctValues && text is not { Length: > 0 })
        {
            return new(RejectionReason.InvalidValue, $"payload.{meter.ValuePayloadKey} is required by meter {meter.Id}");
        }

        var timestamp = raw.Timestamp!.Value;
        if (timestamp < now - options.MaxEventAge || timestamp > now + options.MaxFutureSkew)
        {
            return new(RejectionReason.TimestampOutOfWindow,
                $"timestamp {timestamp:O} is outside the accepted window [{now - options.MaxEventAge:O}, {now + options.MaxFutureSkew:O}]");
        }

        if (catalog.SubscriptionFor(customer, meter.Id) is not { } subscription
            || subscription.Schedule.PeriodContaining(timestamp) is not { } period)
        {
            return new(RejectionReason.NoSubscription, $"customer {customer} has no subscription to meter {meter.Id} active at {timestamp:O}");
        }

        var identifier = raw.Identifier ?? DerivedIdentifier(raw.EventName!, timestamp, customer, text);
        var distinct = rules.CountsDistinctValues ? DistinctKey.Format(Hash(text!)) : string.Empty;
        valid = new ValidEvent(
            new UsagePartition(subscription.Id, period),
            new UsageRecord(Hash(meter.Id, identifier), meter, new UsageSample(timestamp, value, distinct)),
            identifier);
        return default;
    }

    /// <summary>
    /// An event without an identifier is identified by its content, so an identical resend is a
    /// duplicate: "auto_" and 32 hex digits.
    /// </summary>
    private static string DerivedIdentifier(string eventName, DateTimeOffset timestamp, string customer, string? value) =>
        "auto_" + DistinctKey.Format(Hash(string.Create(
            CultureInfo.InvariantCulture,
            $"{eventName}\n{timestamp.ToUnixTimeSeconds()}\n{customer}\n{value}")));

    /// <summary>The dedup key: the hash of UTF-8 "{meter}\n{identifier}", encoded in place (this runs for every event).</summary>
    private static UInt128 Hash(string meterId, string identifier)
    {
        var max = Encoding.UTF8.GetMaxByteCount(meterId.Length + 1 + identifier.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(meterId, buffer);
        buffer[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(identifier, buffer[length..]);
        return XxHash128.HashToUInt128(buffer[..length]);
    }

    private static UInt128 Hash(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        return XxHash128.HashToUInt128(buffer[..length]);
    }

    private static string OutOfRange(string key, string text) =>
        $"payload.{key} '{Shorten(text)}' is out of range: a value has at most {EventValues.MaxDigits} digits written out in full, " +
        $"so |value| is at most {EventValues.MaxMagnitude.ToString(CultureInfo.InvariantCulture)} with at most {EventValues.MaxDigits} decimal places";

    private static int Characters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
