using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Functions.Hosting;

/// <summary>
/// The Functions host's request to a custom handler for a non-HTTP trigger:
/// <c>{"Data": {binding: value}, "Metadata": {name: value}}</c>.
/// </summary>
public sealed record FunctionInvocation(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>A metadata value by a path of property names (e.g. "Properties", "ETag"), or null.</summary>
    public string? MetadataText(params string[] path)
    {
        if (Metadata is null || path.Length == 0 || !Metadata.TryGetValue(path[0], out var element))
        {
            return null;
        }

        foreach (var name in path.Skip(1))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.ToString();
    }

    /// <summary>
    /// A trigger's data as JSON text: the host sends a queue message as a JSON string holding the
    /// message text, or (for JSON messages) as the object itself. Null when the binding is absent.
    /// </summary>
    public string? DataText(string binding)
    {
        if (Data is null || !Data.TryGetValue(binding, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }
}

/// <summary>
/// A custom handler's answer: <c>{"Outputs": {}, "Logs": [...], "ReturnValue": ...}</c>. A non-2xx
/// status tells the host the invocation failed (it retries, then poisons). The names are spelled
/// out because ASP.NET's default JSON options would write them camelCase, unlike the documented payload.
/// </summary>
public sealed record FunctionResult(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static FunctionResult Of(object? returnValue, params string[] logs) => new([], logs, returnValue);
}
