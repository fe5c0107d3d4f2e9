using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Invoicing.Portal;

/// <summary>
/// A portal link's token: <c>base64url(customer "\n" expires_unix) "." base64url(HMAC-SHA256(key, that payload))</c>.
/// It grants reading one customer's portal until it expires, and nothing else; it is not stored
/// anywhere, so it cannot be revoked one by one (rotate <see cref="PortalOptions.SigningKey"/> to
/// void them all). The MAC is compared in constant time; a token is read only once its MAC holds.
/// </summary>
public static class PortalToken
{
    /// <summary>Longest token read: a customer id is at most a few hundred characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The token for <paramref name="customer"/>, valid until <paramref name="expiresAt"/> (whole seconds).</summary>
    public static string Issue(string signingKey, string customer, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(customer);
        if (customer.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A customer id has no line break.", nameof(customer));
        }

        var payload = Encoding.UTF8.GetBytes($"{customer}\n{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(signingKey, payload))}";
    }

    /// <summary>What <paramref name="token"/> grants at <paramref name="now"/> (wall clock).</summary>
    public static PortalTokenCheck Check(string signingKey, string? token, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || token.Split('.') is not [var payloadPart, var macPart])
        {
            return PortalTokenCheck.Invalid;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(payloadPart);
            mac = Base64Url.DecodeFromChars(macPart);
        }
        catch (FormatException)
        {
            return PortalTokenCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(signingKey, payload)))
        {
            return PortalTokenCheck.Invalid;
        }

        // Signed by us, so well formed; checked all the same, as a broken invariant would be.
        var text = Encoding.UTF8.GetString(payload);
        var split = text.LastIndexOf('\n');
        if (split <= 0 || !long.TryParse(text.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return PortalTokenCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return now >= expiresAt ? new PortalTokenCheck.Expired(expiresAt) : new PortalTokenCheck.Valid(text[..split], expiresAt);
    }

    private static byte[] Mac(string signingKey, byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), payload);
}
