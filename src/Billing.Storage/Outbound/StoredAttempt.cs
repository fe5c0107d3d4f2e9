using System.Text.Json.Serialization;
using Billing.Domain.Outbound;

namespace Billing.Storage.Outbound;

/// <summary>One delivery attempt as a delivery row's <c>Log</c> column holds it (times in Unix milliseconds).</summary>
internal sealed record StoredAttempt(
    [property: JsonPropertyName("n")] int Number,
    [property: JsonPropertyName("at")] long AtMs,
    [property: JsonPropertyName("status")] int? StatusCode,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("ms")] long DurationMs)
{
    public static StoredAttempt From(DeliveryAttempt attempt) =>
        new(attempt.Number, attempt.At.ToUnixTimeMilliseconds(), attempt.StatusCode, attempt.Error, (long)attempt.Duration.TotalMilliseconds);

    public DeliveryAttempt ToAttempt() =>
        new(Number, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), StatusCode, Error, TimeSpan.FromMilliseconds(DurationMs));
}
