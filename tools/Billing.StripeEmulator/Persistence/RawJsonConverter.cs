using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// A string that holds JSON (an event's payload, a saved response) written into the state file as
/// that JSON rather than as an escaped string: the file stays readable, is smaller, and is read
/// several times faster. Reading gives back the exact text that was written.
/// </summary>
internal sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value, skipInputValidation: true); // the emulator serialized it: it is JSON
}
