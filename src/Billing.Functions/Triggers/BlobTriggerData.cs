using System.Text.Json;

namespace Billing.Functions.Triggers;

/// <summary>
/// The blob trigger's binding data as the worker receives it: <c>Properties</c> is the blob's
/// properties as the host read them when it fired, a JSON object (or the object itself, from a
/// host that passes it unserialized).
/// </summary>
internal static class BlobTriggerData
{
    /// <summary>The ETag of the version that fired the trigger, or null when the host did not state it.</summary>
    public static string? ETag(IReadOnlyDictionary<string, object?> bindingData)
    {
        ArgumentNullException.ThrowIfNull(bindingData);
        if (!bindingData.TryGetValue("Properties", out var properties) || properties is null)
        {
            return null;
        }

        try
        {
            using var document = properties switch
            {
                string text => JsonDocument.Parse(text),
                JsonElement element => JsonDocument.Parse(element.GetRawText()),
                _ => null,
            };
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("ETag") || property.NameEquals("Etag") || property.NameEquals("etag"))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
