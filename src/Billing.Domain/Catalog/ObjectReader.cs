using System.Text.Json;

namespace Billing.Domain.Catalog;

/// <summary>
/// One JSON object of a catalog, read field by field. A problem is recorded in the
/// <see cref="ErrorLog"/> under the offending field's path and the getter returns null, so the
/// caller goes on and one pass reports everything. Fields outside the known set are reported
/// when the object is opened. A JSON <c>null</c> counts as an absent field, as in Stripe's
/// exports, which write null for unset optional fields.
/// </summary>
internal sealed class ObjectReader
{
    private readonly Dictionary<string, JsonElement> fields;

    private ObjectReader(string path, ErrorLog log, Dictionary<string, JsonElement> fields)
    {
        Path = path;
        Log = log;
        this.fields = fields;
    }

    public string Path { get; }

    public ErrorLog Log { get; }

    /// <summary>Opens <paramref name="element"/> as an object; null (and an error) when it is not one.</summary>
    public static ObjectReader? Open(JsonElement element, string path, ErrorLog log, IReadOnlyCollection<string> knownFields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            log.Add(path, $"must be an object, got {Describe(element.ValueKind)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                log.Add(path, "has a field name that is not valid Unicode text");
                continue;
            }

            var fieldPath = JsonPath.Field(path, name);
            if (!knownFields.Contains(name))
            {
                log.Add(fieldPath, $"unknown field; expected one of: {string.Join(", ", knownFields)}");
            }
            else if (!fields.TryAdd(name, property.Value))
            {
                // JSON parsers disagree on which duplicate wins; refuse rather than guess.
                log.Add(fieldPath, "field is given twice");
            }
        }

        return new ObjectReader(path, log, fields);
    }

    public string PathOf(string field) => JsonPath.Field(Path, field);

    public void Error(string field, string message) => Log.Add(PathOf(field), message);

    /// <summary>True when the field is present, even as null.</summary>
    public bool Contains(string field) => fields.ContainsKey(field);

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string field) => KindOf(field) is not null;

    /// <summary>The JSON kind of the field; null when absent or null.</summary>
    public JsonValueKind? KindOf(string field) =>
        fields.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.ValueKind : null;

    /// <param name="allowBlank">False: an empty or whitespace-only string is an error (ids, keys).</param>
    public string? String(string field, bool required = false, bool allowBlank = false)
    {
        if (!TryGet(field, JsonValueKind.String, "a string", required, out var value))
        {
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") parses but cannot become a .NET string.
            Error(field, "is not valid Unicode text");
            return null;
        }

        if (!allowBlank && string.IsNullOrWhiteSpace(text))
        {
            Error(field, "must not be blank");
            return null;
        }

        return text;
    }

    /// <summary>A whole number in the 64-bit range; 1.0 and 1e3 are refused, as Stripe refuses them.</summary>
    public long? Integer(string field, bool required = false)
    {
        if (!TryGet(field, JsonValueKind.Number, "an integer", required, out var value))
        {
            return null;
        }

        if (!value.TryGetInt64(out var number))
        {
            Error(field, $"must be an integer, got {value.GetRawText()}");
            return null;
        }

        return number;
    }

    /// <summary>Any JSON number that fits a <see cref="decimal"/>.</summary>
    public decimal? Decimal(string field, bool required = false)
    {
        if (!TryGet(field, JsonValueKind.Number, "a number", required, out var value))
        {
            return null;
        }

        if (!value.TryGetDecimal(out var number))
        {
            Error(field, $"is out of range, got {value.GetRawText()}");
            return null;
        }

        return number;
    }

    public bool? Boolean(string field, bool required = false)
    {
        var kind = KindOf(field);
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return kind == JsonValueKind.True;
        }

        Reject(field, "a boolean", required);
        return null;
    }

    /// <summary>One of the Stripe names in <paramref name="names"/>, e.g. <c>"graduated"</c>; exact, case-sensitive.</summary>
    public T? Choice<T>(string field, IReadOnlyDictionary<string, T> names, bool required = false)
        where T : struct
    {
        var text = String(field, required, allowBlank: true);
        if (text is null)
        {
            return null;
        }

        if (!names.TryGetValue(text, out var choice))
        {
            Error(field, $"must be one of {string.Join(", ", names.Keys)}, got '{text}'");
            return null;
        }

        return choice;
    }

    public ObjectReader? Object(string field, IReadOnlyCollection<string> knownFields, bool required = false) =>
        TryGet(field, JsonValueKind.Object, "an object", required, out var value)
            ? Open(value, PathOf(field), Log, knownFields)
            : null;

    /// <summary>
    /// An array of objects, one reader per element (null for an element that is not an object).
    /// Null when the field is absent or not an array.
    /// </summary>
    public IReadOnlyList<ObjectReader?>? Objects(string field, IReadOnlyCollection<string> knownFields, bool required = false)
    {
        if (!TryGet(field, JsonValueKind.Array, "an array", required, out var value))
        {
            return null;
        }

        var path = PathOf(field);
        return value.EnumerateArray()
            .Select((element, index) => Open(element, JsonPath.Index(path, index), Log, knownFields))
            .ToArray();
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    // True with the value when the field is present with the expected kind. Otherwise false, after
    // recording "is required" (absent but required) or "must be X, got Y" (wrong kind).
    private bool TryGet(string field, JsonValueKind kind, string expected, bool required, out JsonElement value)
    {
        if (KindOf(field) == kind)
        {
            value = fields[field];
            return true;
        }

        Reject(field, expected, required);
        value = default;
        return false;
    }

    private void Reject(string field, string expected, bool required)
    {
        if (KindOf(field) is { } wrong)
        {
            Error(field, $"must be {expected}, got {Describe(wrong)}");
        }
        else if (required)
        {
            Error(field, "is required");
        }
    }
}
