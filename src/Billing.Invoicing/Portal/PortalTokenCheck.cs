namespace Billing.Invoicing.Portal;

/// <summary>What a portal token grants.</summary>
public abstract record PortalTokenCheck
{
    private PortalTokenCheck()
    {
    }

    /// <summary>Malformed, or its signature does not hold (tampered, or signed with another key).</summary>
    public static PortalTokenCheck Invalid { get; } = new Refused();

    /// <summary>Reading <paramref name="Customer"/>'s portal, until <paramref name="ExpiresAt"/> (exclusive).</summary>
    public sealed record Valid(string Customer, DateTimeOffset ExpiresAt) : PortalTokenCheck;

    /// <summary>Genuine, but its time is over.</summary>
    public sealed record Expired(DateTimeOffset ExpiredAt) : PortalTokenCheck;

    /// <summary>See <see cref="Invalid"/>.</summary>
    public sealed record Refused : PortalTokenCheck;
}
