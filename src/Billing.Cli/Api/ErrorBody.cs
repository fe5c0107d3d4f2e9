using System.Text.Json;

namespace Billing.Cli.Api;

/// <summary>The app's 4xx body: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
internal sealed record ErrorBody(string Code, string Message)
{
    /// <summary>The error of a body in that shape, or null for anything else (an empty 404 of a missing route).</summary>
    public static ErrorBody? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? new ErrorBody(error.TryGetProperty("code", out var code) ? code.ToString() : "error", message.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
