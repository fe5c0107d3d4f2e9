using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Billing.Functions.Triggers;

/// <summary>A queue trigger's message text as one of our JSON messages (docs/contracts.md §3).</summary>
internal static class QueueMessage
{
    /// <exception cref="ArgumentException">The text is not such a message: the try fails and the host retries, then poisons it.</exception>
    public static T Read<T>(string? text, JsonTypeInfo<T> type, string queue)
    {
        try
        {
            return (text is null ? default : JsonSerializer.Deserialize(text, type))
                ?? throw new ArgumentException($"The message is not a {queue} message: null.", nameof(text));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The message is not a {queue} message: {e.Message}", nameof(text), e);
        }
    }
}
