namespace Billing.Ingestion.Requests;

/// <summary>The HTTP-free input of the meter-events function.</summary>
/// <param name="DeclaredLength">The Content-Length header, when sent.</param>
public sealed record MeterEventsRequest(Stream Body, long? DeclaredLength);
