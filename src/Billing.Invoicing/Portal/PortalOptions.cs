namespace Billing.Invoicing.Portal;

/// <summary>
/// Settings under <c>Portal</c> (environment: <c>Portal__SigningKey</c>, …): the customer portal's
/// signed links (docs/contracts.md §11). Lifetimes are wall-clock time, not the business clock.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Shortest signing key accepted, in characters (a random base64url key of 32 bytes has 43).</summary>
    public const int MinSigningKeyLength = 32;

    public static readonly TimeSpan DefaultLinkLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultMaxLinkLifetime = TimeSpan.FromDays(7);

    /// <summary>Shortest lifetime a caller may ask for: a link must live long enough to be opened.</summary>
    public static readonly TimeSpan MinLinkLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The HMAC-SHA256 key portal links are signed with, as text (its UTF-8 bytes are the key), at
    /// least <see cref="MinSigningKeyLength"/> characters. Empty (the default): the app serves no
    /// portal and <c>POST /api/customers/{id}/portal_links</c> answers 503 <c>portal_not_configured</c>.
    /// <c>billing up</c> writes a random one into local.settings.json. Changing it voids every link
    /// issued with the old one. Never logged.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Lifetime of a link when the request names none. Default 1 hour.</summary>
    public TimeSpan DefaultLifetime { get; set; } = DefaultLinkLifetime;

    /// <summary>Longest lifetime a request may ask for. Default 7 days; at most 30.</summary>
    public TimeSpan MaxLifetime { get; set; } = DefaultMaxLinkLifetime;

    public bool Configured => SigningKey.Length > 0;

    public void Validate()
    {
        if (SigningKey.Length is > 0 and < MinSigningKeyLength)
        {
            // Says how long, never what: the key is a secret.
            throw new InvalidOperationException($"Portal:SigningKey must be empty (no portal) or at least {MinSigningKeyLength} characters; it has {SigningKey.Length}.");
        }

        if (MaxLifetime < MinLinkLifetime || MaxLifetime > TimeSpan.FromDays(30))
        {
            throw new InvalidOperationException($"Portal:MaxLifetime must be from {MinLinkLifetime} to 30 days; got {MaxLifetime}.");
        }

        if (DefaultLifetime < MinLinkLifetime || DefaultLifetime > MaxLifetime)
        {
            throw new InvalidOperationException($"Portal:DefaultLifetime must be from {MinLinkLifetime} to Portal:MaxLifetime ({MaxLifetime}); got {DefaultLifetime}.");
        }
    }
}
