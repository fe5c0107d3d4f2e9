using System.Text.Json;

namespace Billing.Functions.Triggers;

/// <summary>A queue trigger's message text as one of our JSON messages (docs/contracts.md §3).</summary>
internal static class QueueMessage
{
    /// <param name="read">Storage's reader of that queue's messages (null when the message holds <c>null</c>).</param>
    /// <exception cref="ArgumentException">The text is not such a message: the try fails and the host retries, then poisons it.</exception>
    public static T Read<T>(string? text, Func<string, T?> read, string queue)
        where T : class
    {
        try
        {
            return (text is null ? null : read(text))
                ?? throw new ArgumentException($"The message is not a {queue} message: null.", nameof(text));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The message is not a {queue} message: {e.Message}", nameof(text), e);
        }
    }
}
