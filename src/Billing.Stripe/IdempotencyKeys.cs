using System.Security.Cryptography;
using System.Text;

namespace Billing.Stripe;

/// <summary>
/// Deterministic Stripe idempotency keys from our invoice id and a step ("invoice", "lines-0", "finalize"):
/// the same invoice and step give the same key, so a repeated run cannot create a second object.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>Stripe's limit on an idempotency key.</summary>
    public const int MaxLength = 255;

    public static string For(string invoiceId, string step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        var key = $"billing:{invoiceId}:{step}";
        if (key.Length <= MaxLength)
        {
            return key;
        }

        // Too long: keep a readable prefix and make it unique with a hash of the whole.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, MaxLength - hash.Length - 1), ":", hash);
    }
}
