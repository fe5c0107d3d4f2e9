using System.Globalization;

namespace Billing.StripeEmulator.Api;

/// <summary>
/// The parameters of one request, as Stripe.net encodes them: form fields for POST, the query
/// string for GET, nested values as <c>metadata[run_id]</c> or <c>period[start]</c>. Readers
/// throw <see cref="ApiRequestException"/> with Stripe's messages for missing or malformed values.
/// </summary>
internal sealed class FormParameters
{
    private readonly IReadOnlyDictionary<string, string> values;

    public FormParameters(IEnumerable<KeyValuePair<string, string>> values)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            copy[key] = value;
        }

        this.values = copy;
    }

    public static FormParameters Empty { get; } = new([]);

    public IReadOnlyDictionary<string, string> All => values;

    /// <summary>Refuses any top-level parameter not in <paramref name="allowed"/> (<c>expand</c> is always allowed).</summary>
    public void RejectUnknown(params string[] allowed)
    {
        foreach (var key in values.Keys)
        {
            var name = TopLevelName(key);
            if (name != "expand" && !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw ApiRequestException.Invalid($"Received unknown parameter: {key}", key, ErrorCodes.ParameterUnknown);
            }
        }
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? String(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string RequiredString(string name)
    {
        var value = String(name);
        if (value is null)
        {
            throw ApiRequestException.Invalid($"Missing required param: {name}.", name, ErrorCodes.ParameterMissing);
        }

        if (value.Length == 0)
        {
            throw ApiRequestException.Invalid($"You passed an empty string for '{name}'. We assume empty values are an attempt to unset a parameter; however '{name}' cannot be unset.", name, ErrorCodes.ParameterInvalidEmpty);
        }

        return value;
    }

    public long? Long(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ApiRequestException.Invalid($"Invalid integer: {value}", name, ErrorCodes.ParameterInvalidInteger);
    }

    public bool? Bool(string name)
    {
        var value = String(name);
        return value switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw ApiRequestException.Invalid($"Invalid boolean: {value}", name),
        };
    }

    /// <summary>A decimal string with at most <paramref name="maxScale"/> decimal places (Stripe allows 12).</summary>
    public decimal? Decimal(string name, int maxScale = 12)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            throw ApiRequestException.Invalid($"Invalid decimal: {value}", name);
        }

        if (parsed.Scale > maxScale)
        {
            throw ApiRequestException.Invalid($"Invalid decimal: {value}; at most {maxScale} decimal places are allowed.", name);
        }

        return parsed;
    }

    /// <summary>The members of a hash parameter: <c>metadata[k]=v</c> gives <c>{k: v}</c>.</summary>
    public IReadOnlyDictionary<string, string> Hash(string name)
    {
        var prefix = name + "[";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(']'))
            {
                result[key[prefix.Length..^1]] = value;
            }
        }

        return result;
    }

    /// <summary>Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500; empty values are dropped.</summary>
    public Dictionary<string, string> Metadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Hash("metadata"))
        {
            if (key.Length is 0 or > 40)
            {
                throw ApiRequestException.Invalid($"Metadata keys must be between 1 and 40 characters long; got '{key}'.", $"metadata[{key}]");
            }

            if (value.Length > 500)
            {
                throw ApiRequestException.Invalid("Metadata values can have up to 500 characters.", $"metadata[{key}]");
            }

            if (value.Length > 0)
            {
                metadata[key] = value;
            }
        }

        if (metadata.Count > 50)
        {
            throw ApiRequestException.Invalid("Metadata can have up to 50 keys.", "metadata");
        }

        return metadata;
    }

    /// <summary>A canonical text of every parameter, used to tell whether two requests under one idempotency key are the same.</summary>
    public string Canonical() =>
        string.Join('&', values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static string TopLevelName(string key)
    {
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? key : key[..bracket];
    }
}
