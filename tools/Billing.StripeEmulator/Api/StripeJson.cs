using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.StripeEmulator.Api;

/// <summary>How Stripe writes JSON: snake_case names, nulls written out (except inside error objects).</summary>
internal static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // API JSON, never embedded in HTML
    };

    private static readonly JsonSerializerOptions ErrorOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(object body) =>
        JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), body is ErrorEnvelope ? ErrorOptions : Options);
}
