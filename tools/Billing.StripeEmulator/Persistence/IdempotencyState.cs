using System.Text.Json.Serialization;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// An answered idempotency key in the state file. <see cref="Account"/> is a hash of the API key
/// (<see cref="Api.ApiKeys.Account"/>), never the key itself; <see cref="Body"/> is the saved
/// response's exact UTF-8 JSON. Keys still running are never written: after a restart they are free.
/// </summary>
internal sealed record IdempotencyState(
    string Account,
    string Key,
    string Fingerprint,
    DateTimeOffset CreatedAt,
    int Status,
    [property: JsonConverter(typeof(RawJsonConverter))] string Body,
    string RequestId);
