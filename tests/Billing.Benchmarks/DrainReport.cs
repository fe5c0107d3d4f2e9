namespace Billing.Benchmarks;

/// <summary>What a <see cref="QueueDrain"/> did.</summary>
/// <param name="Handled">Messages handled and deleted.</param>
/// <param name="Issued">Handled messages whose handler returned an id (an invoice issued).</param>
/// <param name="Retries">Handler runs that threw and were run again.</param>
/// <param name="Failed">Messages whose handler threw on every attempt (left on the queue).</param>
/// <param name="FirstError">The first exception seen, if any.</param>
internal sealed record DrainReport(long Handled, long Issued, long Retries, long Failed, string? FirstError);
