namespace Billing.StripeEmulator.Idempotency;

/// <summary>One key's claim: the request it was first used with and, once that request has run, its response.</summary>
internal sealed class IdempotencyEntry(string fingerprint, DateTimeOffset createdAt)
{
    private SavedResponse? response;

    /// <summary>Method, path and canonical parameters of the first request.</summary>
    public string Fingerprint { get; } = fingerprint;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Null while the first request is still running.</summary>
    public SavedResponse? Response => Volatile.Read(ref response);

    public void Complete(SavedResponse saved) => Volatile.Write(ref response, saved);
}
