using System.Security.Cryptography;
using System.Text;

namespace Billing.Domain.Outbound;

/// <summary>
/// An outbound event's id, derived from its idempotency key (<c>invoice.paid:{invoice id}</c>), so
/// that publishing the same fact again — an activity or handler that runs twice — finds the event
/// it published, and receivers that deduplicate by id see one event.
/// </summary>
public static class OutboundEventIds
{
    /// <summary>Hex digits of the key's SHA-256 kept: 96 bits, as many as Stripe's event ids carry.</summary>
    private const int HexDigits = 24;

    /// <returns><c>evt_</c> and 24 lower-case hex digits of the SHA-256 of the key's UTF-8.</returns>
    public static string For(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "evt_" + Convert.ToHexStringLower(hash)[..HexDigits];
    }

    /// <summary>Whether <paramref name="id"/> has the shape of an event id (it may still name no event).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 4 + HexDigits } && id.StartsWith("evt_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");
}
