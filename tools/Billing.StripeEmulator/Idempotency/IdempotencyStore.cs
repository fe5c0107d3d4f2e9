using System.Collections.Concurrent;
using Billing.StripeEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Idempotency;

/// <summary>
/// Stripe's idempotency for POST requests, per API key: the first request with a key claims it by
/// an atomic insert; its response is saved once the endpoint has run and replayed for retries with
/// the same parameters; a reuse with other parameters is refused. A request refused before it ran
/// (bad parameters, a fault injected ahead of it) releases its claim, so the key can be retried.
/// Keys expire after <see cref="StripeEmulatorOptions.IdempotencyKeyLifetime"/>.
/// </summary>
internal sealed class IdempotencyStore(IOptions<StripeEmulatorOptions> options, TimeProvider time)
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<(string ApiKey, string Key), IdempotencyEntry> entries = new();
    private readonly TimeSpan lifetime = options.Value.IdempotencyKeyLifetime;
    private int claims;

    public IdempotencyClaim Claim(string apiKey, string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref claims) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var slot = (apiKey, key);
        while (true)
        {
            var fresh = new IdempotencyEntry(fingerprint, now);
            var entry = entries.GetOrAdd(slot, fresh);
            if (ReferenceEquals(entry, fresh))
            {
                return new IdempotencyClaim.Run(fresh);
            }

            if (now - entry.CreatedAt >= lifetime)
            {
                // Expired: a reuse is a new request. Replace only the entry we looked at, so two
                // racing requests cannot both take the key.
                if (entries.TryUpdate(slot, fresh, entry))
                {
                    return new IdempotencyClaim.Run(fresh);
                }

                continue;
            }

            if (entry.Fingerprint != fingerprint)
            {
                return new IdempotencyClaim.Mismatch();
            }

            return entry.Response is { } saved ? new IdempotencyClaim.Replay(saved) : new IdempotencyClaim.InProgress();
        }
    }

    public static void Complete(IdempotencyEntry entry, SavedResponse response) => entry.Complete(response);

    /// <summary>Gives the key back when the request did not run.</summary>
    public void Release(string apiKey, string key, IdempotencyEntry entry) =>
        entries.TryRemove(new KeyValuePair<(string, string), IdempotencyEntry>((apiKey, key), entry));

    public void Clear() => entries.Clear();

    private void Sweep(DateTimeOffset now)
    {
        foreach (var pair in entries)
        {
            if (now - pair.Value.CreatedAt >= lifetime && pair.Value.Response is not null)
            {
                entries.TryRemove(pair);
            }
        }
    }
}
