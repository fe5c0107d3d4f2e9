using System.Globalization;
using System.Text.Json;

namespace Billing.LocalHost.Metadata;

/// <summary>Typed access to optional JSON fields that reports the file and field of a wrong type.</summary>
internal readonly struct JsonFields(string file, string path, JsonElement element)
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public JsonElement Element => element;

    public static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FunctionAppModelException(file, "(json)", $"invalid JSON at line {e.LineNumber + 1}: {e.Message}");
        }
    }

    public FunctionAppModelException Error(string field, string problem) => new(file, Join(field), problem);

    public JsonFields? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new JsonFields(file, Join(name), value)
            : throw Error(name, $"must be an object, not {value.ValueKind}.");
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(name, $"must be a string, not {value.ValueKind}.");
    }

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw Error(name, "is required (a non-empty string).");

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => throw Error(name, $"must be true or false, not {value}."),
        };
    }

    public int? PositiveInt(string name, int max = int.MaxValue)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 1 && number <= max
            ? number
            : throw Error(name, $"must be a whole number from 1 to {max}, not {value}.");
    }

    public TimeSpan? Duration(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw Error(name, $"must be a non-negative duration hh:mm:ss, not \"{text}\".");
    }

    public IReadOnlyList<string>? StringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, $"must be an array of strings, not {value.ValueKind}.");
        }

        var self = this;
        return value.EnumerateArray()
            .Select((item, i) => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw self.Error($"{name}[{i}]", "must be a string."))
            .ToArray();
    }

    private bool TryGet(string name, out JsonElement value)
    {
        // The host reads its configuration case-insensitively.
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        value = default;
        return false;
    }

    private string Join(string name) => path.Length == 0 ? name : $"{path}.{name}";
}
