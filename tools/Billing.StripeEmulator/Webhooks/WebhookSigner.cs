using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// Stripe's webhook signature: <c>Stripe-Signature: t={unix seconds},v1={hex HMAC-SHA256}</c>
/// where the HMAC is keyed with the endpoint secret's UTF-8 bytes over <c>"{t}.{payload}"</c>.
/// </summary>
internal static class WebhookSigner
{
    public static string SignatureHeader(string payload, string secret, long timestamp)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
