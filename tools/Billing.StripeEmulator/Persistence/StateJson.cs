using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// How the state file is written: one compact JSON object per line, snake_case. Every member of the
/// state records is written (null too) and required when read, so a line missing one is damage.
/// </summary>
internal static class StateJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a data file, never embedded in HTML
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>One line of the file: the UTF-8 JSON of <paramref name="value"/> and a newline (JSON escapes every newline inside strings).</summary>
    public static byte[] Line<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}
