using System.Globalization;

namespace Billing.StripeEmulator.Api;

/// <summary>
/// The parameters of one request, as Stripe.net encodes them: form fields for POST, the query
/// string for GET, nested values as <c>metadata[run_id]</c> or <c>period[start]</c>, arrays of
/// objects as <c>lines[0][amount]</c>. Readers throw <see cref="ApiRequestException"/> with
/// Stripe's messages for missing or malformed values. <see cref="Scope"/> and <see cref="Objects"/>
/// give the members of a nested hash or array under their own names, while errors still name the
/// full wire parameter (<c>lines[2][amount]</c>).
/// </summary>
internal sealed class FormParameters
{
    private readonly IReadOnlyDictionary<string, string> values;
    private readonly string? prefix;

    public FormParameters(IEnumerable<KeyValuePair<string, string>> values)
        : this(values, prefix: null)
    {
    }

    private FormParameters(IEnumerable<KeyValuePair<string, string>> values, string? prefix)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            copy[key] = value;
        }

        this.values = copy;
        this.prefix = prefix;
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
                throw ApiRequestException.Invalid($"Received unknown parameter: {Param(key)}", Param(key), ErrorCodes.ParameterUnknown);
            }
        }
    }

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>Whether the request has <paramref name="name"/> or any member of it (<c>name[…]</c>).</summary>
    public bool HasAny(string name) => values.Keys.Any(key => TopLevelName(key) == name);

    /// <summary>The full wire name of <paramref name="name"/>, for error messages: <c>period[start]</c> in scope <c>lines[0]</c> is <c>lines[0][period][start]</c>.</summary>
    public string Param(string name)
    {
        if (prefix is null)
        {
            return name;
        }

        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? $"{prefix}[{name}]" : $"{prefix}[{name[..bracket]}]{name[bracket..]}";
    }

    /// <summary>The members of hash <paramref name="name"/>, named relative to it: <c>price_data[product_data][name]</c> becomes <c>product_data[name]</c>.</summary>
    public FormParameters Scope(string name)
    {
        var opening = name + "[";
        var members = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in values)
        {
            if (!key.StartsWith(opening, StringComparison.Ordinal))
            {
                continue;
            }

            var closing = key.IndexOf(']', opening.Length);
            if (closing < 0)
            {
                throw ApiRequestException.Invalid($"Invalid parameter name: {Param(key)}", Param(key));
            }

            members.Add(KeyValuePair.Create(string.Concat(key.AsSpan(opening.Length, closing - opening.Length), key.AsSpan(closing + 1)), value));
        }

        return new FormParameters(members, Param(name));
    }

    /// <summary>
    /// The objects of array <paramref name="name"/> (<c>lines[0][amount]</c>, <c>lines[1][amount]</c>, …) in index
    /// order; the indices must run 0, 1, 2, … without gaps. Empty when the request has none.
    /// </summary>
    public IReadOnlyList<FormParameters> Objects(string name)
    {
        if (values.ContainsKey(name))
        {
            throw ApiRequestException.Invalid($"Invalid array: {Param(name)} must be a list of objects.", Param(name));
        }

        var scope = Scope(name);
        var indices = new SortedSet<int>();
        foreach (var key in scope.values.Keys)
        {
            var bracket = key.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0 || !int.TryParse(key.AsSpan(0, bracket), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw ApiRequestException.Invalid($"Invalid array: {scope.Param(key)} is not a member of an object in the list.", scope.Param(key));
            }

            indices.Add(index);
        }

        if (indices.Count > 0 && indices.Max != indices.Count - 1)
        {
            throw ApiRequestException.Invalid($"Invalid array: the indices of {Param(name)} must run from 0 without gaps.", Param(name));
        }

        return [.. indices.Select(i => scope.Scope(i.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// The strings of array <paramref name="name"/>, as Stripe.net sends them (<c>types[0]=a&amp;types[1]=b</c>) or as
    /// curl does (<c>types[]=a&amp;types[]=b</c>); empty when absent.
    /// </summary>
    public IReadOnlyList<string> Strings(string name)
    {
        if (values.TryGetValue(name, out var single))
        {
            return [single];
        }

        var scope = Scope(name);
        var result = new List<(long Index, string Value)>();
        foreach (var (key, value) in scope.values)
        {
            if (key.Length == 0)
            {
                // Repeated "types[]" keys reach us joined with commas, which no event type contains.
                result.AddRange(value.Split(',').Select(v => (long.MaxValue, v)));
            }
            else if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                result.Add((index, value));
            }
            else
            {
                throw ApiRequestException.Invalid($"Invalid array: {scope.Param(key)}", scope.Param(key));
            }
        }

        return [.. result.OrderBy(r => r.Index).Select(r => r.Value)];
    }

    public string? String(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string RequiredString(string name)
    {
        var value = String(name);
        if (value is null)
        {
            throw ApiRequestException.Invalid($"Missing required param: {Param(name)}.", Param(name), ErrorCodes.ParameterMissing);
        }

        if (value.Length == 0)
        {
            throw ApiRequestException.Invalid($"You passed an empty string for '{Param(name)}'. We assume empty values are an attempt to unset a parameter; however '{Param(name)}' cannot be unset.", Param(name), ErrorCodes.ParameterInvalidEmpty);
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
            : throw ApiRequestException.Invalid($"Invalid integer: {value}", Param(name), ErrorCodes.ParameterInvalidInteger);
    }

    public bool? Bool(string name)
    {
        var value = String(name);
        return value switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw ApiRequestException.Invalid($"Invalid boolean: {value}", Param(name)),
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
            throw ApiRequestException.Invalid($"Invalid decimal: {value}", Param(name));
        }

        if (parsed.Scale > maxScale)
        {
            throw ApiRequestException.Invalid($"Invalid decimal: {value}; at most {maxScale} decimal places are allowed.", Param(name));
        }

        return parsed;
    }

    /// <summary>The members of a hash parameter: <c>metadata[k]=v</c> gives <c>{k: v}</c>.</summary>
    public IReadOnlyDictionary<string, string> Hash(string name)
    {
        var opening = name + "[";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key.StartsWith(opening, StringComparison.Ordinal) && key.EndsWith(']'))
            {
                result[key[opening.Length..^1]] = value;
            }
        }

        return result;
    }

    /// <summary>Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500; empty values are dropped.</summary>
    public Dictionary<string, string> Metadata() => MergedMetadata(new Dictionary<string, string>(StringComparer.Ordinal), "metadata");

    /// <summary>
    /// <paramref name="current"/> updated by hash <paramref name="name"/> as Stripe updates metadata: an empty value
    /// unsets its key, an empty hash (<c>name=</c>) unsets them all. Checks Stripe's metadata rules; leaves
    /// <paramref name="current"/> as it is.
    /// </summary>
    public Dictionary<string, string> MergedMetadata(IReadOnlyDictionary<string, string> current, string name)
    {
        var merged = String(name) == "" ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in Hash(name))
        {
            if (key.Length is 0 or > 40)
            {
                throw ApiRequestException.Invalid($"Metadata keys must be between 1 and 40 characters long; got '{key}'.", Param($"{name}[{key}]"));
            }

            if (value.Length > 500)
            {
                throw ApiRequestException.Invalid("Metadata values can have up to 500 characters.", Param($"{name}[{key}]"));
            }

            if (value.Length > 0)
            {
                merged[key] = value;
            }
            else
            {
                merged.Remove(key);
            }
        }

        if (merged.Count > 50)
        {
            throw ApiRequestException.Invalid("Metadata can have up to 50 keys.", Param(name));
        }

        return merged;
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
