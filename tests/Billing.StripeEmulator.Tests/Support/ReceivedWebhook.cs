using System.Text.Json;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>One POST the receiver got: the raw body and its Stripe-Signature header.</summary>
internal sealed record ReceivedWebhook(string Payload, string Signature)
{
    public string EventId => Json.GetProperty("id").GetString()!;

    public string Type => Json.GetProperty("type").GetString()!;

    public string InvoiceId => Json.GetProperty("data").GetProperty("object").GetProperty("id").GetString()!;

    private JsonElement Json => JsonDocument.Parse(Payload).RootElement;
}
