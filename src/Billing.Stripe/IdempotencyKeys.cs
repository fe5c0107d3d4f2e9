using System.Security.Cryptography;
using System.Text;

namespace Billing.Stripe;

/// <summary>
/// Deterministic Stripe idempotency keys from a run id and a step ("invoice", "line-3", "finalize"):
/// the same run and step give the same key, so a retried run cannot create a second object.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>Stripe's limit on an idempotency key.</summary>
    public const int MaxLength = 255;

    public static string For(string runId, string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        var key = $"billing:{runId}:{step}";
        if (key.Length <= MaxLength)
        {
            return key;
        }

        // Too long: keep a readable prefix and make it unique with a hash of the whole.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, MaxLength - hash.Length - 1), ":", hash);
    }
}
