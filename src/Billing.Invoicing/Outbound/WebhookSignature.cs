using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// The signature of a delivery, Stripe's scheme (docs/contracts.md §8): header
/// <c>Billing-Signature: t=&lt;Unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the MAC keyed with
/// the endpoint's secret (its UTF-8, <c>whsec_</c> included) over <c>"{t}." + body</c>.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "Billing-Signature";

    /// <param name="signedAt">The <c>t</c> it carries: when the attempt is sent (wall clock).</param>
    public static string Header(string secret, DateTimeOffset signedAt, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
