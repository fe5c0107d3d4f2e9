using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Billing.StripeEmulator.Api;

/// <summary>
/// Stripe's authentication: the secret key as a Bearer token (as Stripe.net sends it) or as the
/// Basic user name (as <c>curl -u sk_test_…:</c> sends it). The emulator takes any test-mode
/// secret key, <c>sk_test_…</c>.
/// </summary>
internal static class ApiKeys
{
    public const string TestKeyPrefix = "sk_test_";

    /// <summary>The request's API key, or the 401 error to answer.</summary>
    public static bool TryAuthenticate(HttpRequest request, out string apiKey, out ApiError? error)
    {
        apiKey = "";
        error = null;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || !AuthenticationHeaderValue.TryParse(header, out var parsed) || string.IsNullOrEmpty(parsed.Parameter))
        {
            error = new ApiError(ErrorTypes.InvalidRequest, "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
            return false;
        }

        var key = parsed.Scheme.ToLowerInvariant() switch
        {
            "bearer" => parsed.Parameter,
            "basic" => BasicUser(parsed.Parameter),
            _ => null,
        };
        if (key is null || !key.StartsWith(TestKeyPrefix, StringComparison.Ordinal) || key.Length == TestKeyPrefix.Length)
        {
            error = new ApiError(ErrorTypes.InvalidRequest, $"Invalid API Key provided: {Redact(key ?? parsed.Parameter)}. The Stripe emulator accepts test-mode secret keys (sk_test_…).");
            return false;
        }

        apiKey = key;
        return true;
    }

    private static string? BasicUser(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? text : text[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The account an API key stands for, as the emulator keys its idempotency records: a hash of the
    /// key, so that the state file never holds the key itself.
    /// </summary>
    public static string Account(string apiKey) =>
        "acct_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..24];

    /// <summary>Like Stripe, shows only the key's last four characters.</summary>
    private static string Redact(string key) => key.Length <= 4 ? "****" : $"{key[..Math.Min(8, key.Length - 4)]}****{key[^4..]}";
}
