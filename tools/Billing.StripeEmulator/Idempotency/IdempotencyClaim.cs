namespace Billing.StripeEmulator.Idempotency;

/// <summary>What the idempotency layer decided for a request that carries a key.</summary>
internal abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>The key is new (or expired): run the request, then <see cref="IdempotencyStore.Complete"/> or <see cref="IdempotencyStore.Release"/>.</summary>
    public sealed record Run(IdempotencyEntry Entry) : IdempotencyClaim;

    /// <summary>Same key, same request, already answered: send the saved response.</summary>
    public sealed record Replay(SavedResponse Response) : IdempotencyClaim;

    /// <summary>Same key, different method, path or parameters: 400 <c>idempotency_error</c>.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>Same key while the first request is still running: 409, retry later.</summary>
    public sealed record InProgress : IdempotencyClaim;
}
