using System.Security.Cryptography;

namespace Billing.StripeEmulator.Api;

/// <summary>Object ids in Stripe's style: a type prefix, an underscore and 24 random letters and digits (<c>in_…</c>, <c>ii_…</c>, <c>evt_…</c>).</summary>
internal static class IdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, 24)}";

    /// <summary>A customer's invoice number prefix: 8 upper-case letters and digits.</summary>
    public static string InvoicePrefix() => RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8);
}
