using System.Text.Json.Serialization;

namespace Billing.Domain;

/// <summary>
/// An error as the app reports it, <c>{"code": "...", "message": "..."}</c>: in every 4xx body,
/// on a usage line that cannot be priced, in a usage file's summary. A stable code and a sentence.
/// </summary>
public sealed record ErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
