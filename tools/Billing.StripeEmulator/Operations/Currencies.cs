using Billing.StripeEmulator.Api;

namespace Billing.StripeEmulator.Operations;

/// <summary>Currency codes as Stripe takes them: three ISO letters, answered in lower case.</summary>
internal static class Currencies
{
    public static string Parse(string value, string param)
    {
        if (value.Length != 3 || !value.All(char.IsAsciiLetter))
        {
            throw ApiRequestException.Invalid($"Invalid currency: {value}. Stripe currencies are three-letter ISO codes.", param);
        }

        return value.ToLowerInvariant();
    }
}
