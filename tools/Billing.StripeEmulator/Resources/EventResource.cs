namespace Billing.StripeEmulator.Resources;

/// <summary>A Stripe event (<c>"object": "event"</c>), as delivered to webhook endpoints.</summary>
internal sealed record EventResource
{
    public required string Id { get; init; }

    public string Object => "event";

    public required string ApiVersion { get; init; }

    public required long Created { get; init; }

    public required EventDataResource Data { get; init; }

    public bool Livemode => false;

    public required long PendingWebhooks { get; init; }

    public required EventRequestResource Request { get; init; }

    public required string Type { get; init; }
}
