namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>Where a generated item goes: what damage keeps its expected outcome exact there.</summary>
internal enum FuzzContext
{
    /// <summary>A line of a JSON Lines file after the first (a byte order mark there is not stripped).</summary>
    FileLine,

    /// <summary>A line of an NDJSON request body after the first.</summary>
    RequestLine,

    /// <summary>
    /// The first line of an NDJSON body, or a whole single-event body: it must not begin with
    /// <c>[</c> (the body would be read as an array) and a byte order mark there would be stripped.
    /// </summary>
    RequestStart,

    /// <summary>An element of a JSON array body: the damage must leave the array splittable into elements.</summary>
    ArrayElement,
}
