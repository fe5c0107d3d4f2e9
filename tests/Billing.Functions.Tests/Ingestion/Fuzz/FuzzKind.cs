namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>What ingestion must make of a generated line or event.</summary>
internal enum FuzzKind
{
    /// <summary>A valid event (perhaps oddly written): accepted, counted exactly once.</summary>
    Good,

    /// <summary>Broken on purpose: rejected with a known reason code, never counted.</summary>
    Bad,

    /// <summary>
    /// Random byte damage with no predictable outcome: accepted or rejected (with a reason), never
    /// an exception. Only ever made from events of <see cref="FuzzLines.WildMeter"/>, which damage
    /// of a few bytes cannot turn into another meter's event, so good events' aggregates stay exact.
    /// </summary>
    Wild,
}
