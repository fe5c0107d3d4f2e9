using System.Collections.Concurrent;
using System.Text;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Idempotency;

/// <summary>
/// Stripe's idempotency for POST requests, per account (<see cref="Api.ApiKeys.Account"/>): the first request with a key claims it by
/// an atomic insert; its response is saved once the endpoint has run and replayed for retries with
/// the same parameters; a reuse with other parameters is refused. A request refused before it ran
/// (bad parameters, a fault injected ahead of it) releases its claim, so the key can be retried.
/// Keys expire after <see cref="StripeEmulatorOptions.IdempotencyKeyLifetime"/>.
/// </summary>
internal sealed class IdempotencyStore(IOptions<StripeEmulatorOptions> options, TimeProvider time)
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<(string Account, string Key), IdempotencyEntry> entries = new();
    private readonly TimeSpan lifetime = options.Value.IdempotencyKeyLifetime;
    private int claims;

    public IdempotencyClaim Claim(string account, string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref claims) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var slot = (account, key);
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
    public void Release(string account, string key, IdempotencyEntry entry) =>
        entries.TryRemove(new KeyValuePair<(string, string), IdempotencyEntry>((account, key), entry));

    /// <summary>Every answered key that has not expired, for the state file. Keys still running are left out: after a restart they are free.</summary>
    public IReadOnlyList<IdempotencyState> Answered()
    {
        var now = time.GetUtcNow();
        return [.. entries
            .Where(pair => pair.Value.Response is not null && now - pair.Value.CreatedAt < lifetime)
            .Select(pair => State(pair.Key.Account, pair.Key.Key, pair.Value))];
    }

    /// <summary>A key answered before a restart; ignored when it has expired since.</summary>
    public void Restore(IdempotencyState state)
    {
        if (time.GetUtcNow() - state.CreatedAt >= lifetime)
        {
            return;
        }

        var entry = new IdempotencyEntry(state.Fingerprint, state.CreatedAt);
        entry.Complete(new SavedResponse(state.Status, Encoding.UTF8.GetBytes(state.Body), state.RequestId));
        entries[(state.Account, state.Key)] = entry;
    }

    /// <summary>An answered key as the state file holds it.</summary>
    public static IdempotencyState State(string account, string key, IdempotencyEntry entry)
    {
        var saved = entry.Response ?? throw new InvalidOperationException($"Idempotency key '{key}' has no response yet.");
        return new IdempotencyState(account, key, entry.Fingerprint, entry.CreatedAt, saved.StatusCode, Encoding.UTF8.GetString(saved.Body), saved.RequestId);
    }

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
