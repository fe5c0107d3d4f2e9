namespace Billing.Storage.SpendCaps;

/// <summary>Options of <see cref="SpendCapStore"/> (settings section <c>SpendCaps</c>); checked by <see cref="Validate"/>.</summary>
public sealed class SpendCapOptions
{
    public const string Section = "SpendCaps";

    /// <summary>Default <see cref="CacheTtl"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultCacheTtl = TimeSpan.FromSeconds(5);

    /// <summary>Longest accepted <see cref="CacheTtl"/>: 5 minutes.</summary>
    public static readonly TimeSpan MaxCacheTtl = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an instance answers the cap overrides from memory (wall clock) before reading the
    /// table again: a <c>PUT …/spend_cap</c> is seen at once by the instance that served it
    /// and within this time by every other one. Ingestion then costs no storage read per request
    /// for the cap. Zero reads it every time. Default 5 s, at most 5 minutes.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = DefaultCacheTtl;

    public void Validate()
    {
        if (CacheTtl < TimeSpan.Zero || CacheTtl > MaxCacheTtl)
        {
            throw new InvalidOperationException($"SpendCaps:CacheTtl must be from 00:00:00 to {MaxCacheTtl:c}, got {CacheTtl:c}.");
        }
    }
}
