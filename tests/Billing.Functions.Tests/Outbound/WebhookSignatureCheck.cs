// <verify>
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Functions.Tests.Outbound;

public static class BillingWebhooks
{
    /// <summary>
    /// True when <paramref name="header"/>, the request's Billing-Signature, signs <paramref name="body"/>
    /// (the raw bytes of the request body) with the endpoint's <paramref name="secret"/> (whsec_…)
    /// at most <paramref name="tolerance"/> (5 minutes) away from <paramref name="now"/>.
    /// </summary>
    public static bool Verify(byte[] body, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in (header ?? string.Empty).Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1" && pair[1].Length == 64 && !pair[1].AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF"))
            {
                signatures.Add(Convert.FromHexString(pair[1]));
            }
        }

        if (timestamp is not { } signedAt || signatures.Count == 0 || Math.Abs(now.ToUnixTimeSeconds() - signedAt) > tolerance.TotalSeconds)
        {
            return false;
        }

        // The MAC covers "{t}." and then the body exactly as received.
        var signed = Encoding.UTF8.GetBytes(signedAt.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
    }
}
// </verify>
