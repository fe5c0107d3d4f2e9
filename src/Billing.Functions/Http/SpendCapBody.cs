using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>
/// The JSON body of <c>PUT /api/subscriptions/{id}/spend_cap</c>: <c>{"amount": 5000}</c>, the cap
/// in minor units (an integer, 0 or more), or <c>{"amount": null}</c> for no cap.
/// </summary>
public sealed record SpendCapBody([property: JsonPropertyName("amount")] long? Amount)
{
    private const string Shape = "{\"amount\": 5000} (the cap in minor units) or {\"amount\": null} (no cap)";

    /// <summary>Reads the body, or says what is wrong with it, naming the field.</summary>
    /// <param name="problem">Why the body will not do, for a 400 <c>invalid_request</c>; null when it will.</param>
    public static SpendCapBody? Parse(ReadOnlySpan<byte> utf8, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e)
        {
            problem = $"The body must be a JSON object {Shape}: {e.Message}";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"The body must be a JSON object {Shape}.";
                return null;
            }

            JsonElement? amount = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "amount")
                {
                    problem = $"Unknown field '{property.Name}': the body is {Shape}.";
                    return null;
                }

                if (amount is not null)
                {
                    problem = "amount is given twice; give it once.";
                    return null;
                }

                amount = property.Value;
            }

            problem = amount switch
            {
                null => $"amount is required: the body is {Shape}.",
                { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.Number } number when !number.TryGetInt64(out _) =>
                    $"amount must be a whole number of minor units (no fraction or exponent, at most {long.MaxValue}), got {number.GetRawText()}.",
                { ValueKind: JsonValueKind.Number } number when number.GetInt64() < 0 =>
                    $"amount must be 0 or more (minor units), got {number.GetRawText()}; null removes the cap.",
                { ValueKind: JsonValueKind.Number } => null,
                { } other => $"amount must be an integer (minor units) or null, got {other.ValueKind.ToString().ToLowerInvariant()} {Truncate(other.GetRawText())}.",
            };
            return problem is null ? new SpendCapBody(amount!.Value.ValueKind == JsonValueKind.Null ? null : amount.Value.GetInt64()) : null;
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
