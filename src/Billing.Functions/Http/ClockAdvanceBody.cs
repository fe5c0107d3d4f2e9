using System.Text.Json;

namespace Billing.Functions.Http;

/// <summary>The body of the test clock's advance, <c>{"frozen_time": &lt;Unix seconds&gt;}</c>, read at the HTTP edge.</summary>
internal static class ClockAdvanceBody
{
    /// <summary>Bodies are one small object; anything larger is not one.</summary>
    public const int MaxBytes = 4096;

    private const string Field = "frozen_time";
    private const string Shape = $$"""The body must be a JSON object {"{{Field}}": <Unix seconds>}""";

    /// <summary>Why a body over <see cref="MaxBytes"/> is refused (400 <c>invalid_request</c>, like any other body that is not the object).</summary>
    public static string TooLarge => $"{Shape}; this one is larger than {MaxBytes} bytes.";

    /// <returns>The time asked for, or null and why the body is unusable.</returns>
    public static (DateTimeOffset? Time, string? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, $"{Shape}; it is not JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static (DateTimeOffset? Time, string? Problem) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"{Shape}; got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
        }

        if (!root.TryGetProperty(Field, out var value))
        {
            return (null, $"{Field} is required: the new time in Unix seconds.");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
        {
            return (null, $"{Field} must be an integer number of Unix seconds; got {value.GetRawText()}.");
        }

        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (null, $"{Field} {seconds} is not a time: Unix seconds from {DateTimeOffset.MinValue.ToUnixTimeSeconds()} to {DateTimeOffset.MaxValue.ToUnixTimeSeconds()}.");
        }

        return (DateTimeOffset.FromUnixTimeSeconds(seconds), null);
    }
}
