using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Domain.Alerts;

/// <summary>
/// An alert rule on a subscription: it fires once per billing period, when a usage commit takes
/// its value (<see cref="AlertKind"/>) to or over <see cref="Gte"/>.
/// </summary>
/// <param name="Id"><c>alr_</c> and 24 lower-case hex digits.</param>
/// <param name="MeterId">The meter of a <see cref="AlertKind.Usage"/> rule; null for spend.</param>
/// <param name="Gte">Greater than 0: minor units (a whole number) for spend, a quantity for usage.</param>
/// <param name="Created">The business clock's time of creation.</param>
public sealed record AlertRule(string Id, string SubscriptionId, string CustomerId, AlertKind Kind, string? MeterId, decimal Gte, DateTimeOffset Created)
{
    /// <summary>Most rules one subscription may have: a usage check reads them all.</summary>
    public const int MaxPerSubscription = 100;

    /// <summary>Largest <c>gte</c>: 10^15 − 1, the largest meter-event value (docs/contracts.md §1).</summary>
    public const decimal MaxGte = 999_999_999_999_999m;

    /// <summary>
    /// What makes two rules of a subscription the same rule: kind, meter and <c>gte</c> (as a number:
    /// 5000 and 5000.0 are one). Hex of SHA-256, so any meter id fits in a storage key.
    /// </summary>
    public string ContentKey =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{AlertKinds.Name(Kind)}\n{MeterId}\n{CanonicalGte(Gte)}")))[..32];

    /// <summary>The idempotency key of the rule's <c>billing.alert.triggered</c> event in the period starting at <paramref name="periodStart"/> (Unix seconds).</summary>
    public string TriggeredEventKey(long periodStart) => string.Create(CultureInfo.InvariantCulture, $"billing.alert.triggered:{Id}:{periodStart}");

    /// <summary><paramref name="value"/> without trailing zeros, invariant: 5000.0 → "5000".</summary>
    public static string CanonicalGte(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> has the shape of a rule id (it may still name no rule).</summary>
    public static bool IsRuleId(string? id) =>
        id is { Length: 28 } && id.StartsWith("alr_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");
}
