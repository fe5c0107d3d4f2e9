using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests.Outbound;

/// <summary>One POST a <see cref="WebhookReceiver"/> got, and what it answered.</summary>
/// <param name="At">When it came, by the receiver's clock.</param>
internal sealed record ReceivedWebhook(string Path, string? Signature, string? ContentType, byte[] Body, int Answered, DateTimeOffset At)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string EventId => JsonDocument.Parse(Body).RootElement.GetProperty("id").GetString()!;

    public string Type => JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()!;
}
