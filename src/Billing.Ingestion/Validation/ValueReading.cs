namespace Billing.Ingestion.Validation;

/// <summary>What a meter event's value text is (<see cref="EventValues.Read"/>).</summary>
public enum ValueReading
{
    /// <summary>A number within the bounds.</summary>
    Accepted,

    /// <summary>Not a number: NaN, Infinity, "1,5", "0x10", empty.</summary>
    NotANumber,

    /// <summary>A number beyond the bounds: more than <see cref="EventValues.MaxDigits"/> digits written out in full.</summary>
    OutOfRange,
}
