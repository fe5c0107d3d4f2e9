using System.Text.Json;
using System.Text.Unicode;
using Billing.Domain.Invoicing;

namespace Billing.Domain.Catalog;

/// <summary>
/// Loads the billing catalog from JSON with Stripe's field names and semantics (see the catalog
/// contract). Every amount — <c>unit_amount</c>, <c>unit_amount_decimal</c>, <c>flat_amount</c>,
/// <c>amount_gte</c> — is in the currency's minor units. A catalog with any problem is refused
/// with all of its problems listed by JSON path.
/// </summary>
public static class CatalogLoader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <param name="defaultThresholdAmountGte">The threshold of a subscription without <c>billing_thresholds</c>, in minor units.</param>
    /// <exception cref="CatalogException">The JSON is malformed or the catalog invalid; every problem is listed.</exception>
    public static BillingCatalog Parse(string json, long defaultThresholdAmountGte = ThresholdPolicy.DefaultAmountGte)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
        catch (ArgumentException)
        {
            // JsonDocument refuses to transcode a string holding a lone UTF-16 surrogate.
            throw Refused("the text is not valid Unicode (it holds a lone surrogate)");
        }

        using (document)
        {
            return CatalogReader.Read(document.RootElement, defaultThresholdAmountGte);
        }
    }

    /// <summary>Reads UTF-8 JSON (a byte order mark is allowed) to the end of <paramref name="utf8Json"/>; does not close it.</summary>
    /// <exception cref="CatalogException">The JSON is malformed or the catalog invalid; every problem is listed.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    /// <param name="defaultThresholdAmountGte">The threshold of a subscription without <c>billing_thresholds</c>, in minor units.</param>
    public static BillingCatalog Parse(Stream utf8Json, long defaultThresholdAmountGte = ThresholdPolicy.DefaultAmountGte)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        ReadOnlyMemory<byte> bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        // Checked up front: JsonDocument accepts invalid UTF-8 inside strings and only fails
        // later, when the string is read.
        if (!Utf8.IsValid(bytes.Span))
        {
            throw Refused("the text is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }

        using (document)
        {
            return CatalogReader.Read(document.RootElement, defaultThresholdAmountGte);
        }
    }

    /// <summary>Loads the catalog file at <paramref name="path"/> (UTF-8 JSON).</summary>
    /// <exception cref="CatalogException">The JSON is malformed or the catalog invalid; every problem is listed.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, locked).</exception>
    /// <param name="defaultThresholdAmountGte">The threshold of a subscription without <c>billing_thresholds</c>, in minor units (<c>Billing:DefaultThresholdAmountGte</c>).</param>
    public static BillingCatalog Load(string path, long defaultThresholdAmountGte = ThresholdPolicy.DefaultAmountGte)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, defaultThresholdAmountGte);
    }

    private static CatalogException Malformed(JsonException e)
    {
        // JsonException's message ends with its own zero-based "LineNumber: 0 | BytePositionInLine: 8."
        // Drop it and say where in one-based terms, as editors count.
        var message = e.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        var where = e.LineNumber is { } line
            ? $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        return Refused($"malformed JSON{where}: {message}");
    }

    private static CatalogException Refused(string message) => new([new CatalogError(JsonPath.Root, message)]);
}
