using System.Security.Cryptography;

namespace Billing.Invoicing.Outbound;

/// <summary>Fresh endpoint ids and signing secrets, from the system's cryptographic random source.</summary>
public static class EndpointCredentials
{
    /// <returns><c>we_</c> and 24 lower-case hex digits.</returns>
    public static string NewEndpointId() => "we_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <returns><c>whsec_</c> and 48 lower-case hex digits: 192 random bits.</returns>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Whether <paramref name="id"/> has the shape of an endpoint id (it may still name no endpoint).</summary>
    public static bool IsEndpointId(string? id) =>
        id is { Length: 27 } && id.StartsWith("we_", StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept("0123456789abcdef");
}
