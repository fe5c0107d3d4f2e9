namespace Billing.Domain.Outbound;

/// <summary>A registered receiver of outbound events.</summary>
/// <param name="Id"><c>we_</c> and 24 hex digits, random.</param>
/// <param name="Url">An absolute http or https URL.</param>
/// <param name="EnabledEvents">Event types it is sent (<see cref="OutboundEventTypes"/>), or <c>*</c> for all; never empty.</param>
/// <param name="Secret">The signing secret, <c>whsec_…</c>: shown once, when the endpoint is created; never logged.</param>
/// <param name="Created">When it was registered (wall clock).</param>
public sealed record WebhookEndpoint(string Id, string Url, IReadOnlyList<string> EnabledEvents, string Secret, DateTimeOffset Created)
{
    /// <summary>Most endpoints registered at once (Stripe's limit per account): an event's deliveries are written with it, in one transaction.</summary>
    public const int MaxEndpoints = 16;

    /// <summary>The secret stays out of logs and exception messages.</summary>
    public override string ToString() => $"WebhookEndpoint {{ Id = {Id}, Url = {Url}, EnabledEvents = [{string.Join(", ", EnabledEvents)}] }}";
}
