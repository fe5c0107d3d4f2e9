using System.Text.Json.Serialization;
using Billing.Domain;

namespace Billing.Functions.Hosting;

/// <summary>The body of every 4xx answer: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail Error)
{
    public static ErrorBody Of(string code, string message) => new(new ErrorDetail(code, message));
}
